using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>Builds Confluent clients, turning librdkafka's configuration errors into <see cref="KafkaSettingsException"/>.</summary>
internal static partial class ClientFactory
{
    public static T Build<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            // librdkafka quotes the property it rejects: No such configuration property: "foo"
            var match = QuotedKey().Match(ex.Message);
            throw new KafkaSettingsException(match.Success ? match.Groups[1].Value : "kafka-clients", ex.Message, ex);
        }
    }

    [GeneratedRegex("property:? \"([^\"]+)\"")]
    private static partial Regex QuotedKey();
}
