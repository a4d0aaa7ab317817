using System.Text;
using System.Text.Json.Nodes;
using ActorOrders.Orders.Kafka.Monitoring;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>
/// Writes a record that cannot be handled to the dead-letter topic (orders.dlq) with everything
/// needed to understand and replay it: the original topic, partition, offset, key and payload, the
/// error and how many attempts were made. The key is the original key, so a replay lands in the
/// same partition order. Each one written counts in <paramref name="metrics"/>' dead.letters.written.
/// </summary>
public sealed class DeadLetters(IProducer<string, byte[]> producer, string topic, KafkaMetrics? metrics = null)
{
    /// <summary>Produces the dead letter and completes once the brokers acknowledged it.</summary>
    public async Task WriteAsync(ConsumeResult<string, byte[]> record, string error, int attempts, DateTimeOffset at, CancellationToken ct)
    {
        var payload = record.Message.Value ?? [];
        var body = new JsonObject
        {
            ["originalTopic"] = record.Topic,
            ["partition"] = record.Partition.Value,
            ["offset"] = record.Offset.Value,
            ["key"] = record.Message.Key,
            ["payload"] = IsUtf8(payload) ? Encoding.UTF8.GetString(payload) : Convert.ToBase64String(payload),
            ["payloadEncoding"] = IsUtf8(payload) ? "utf-8" : "base64",
            ["error"] = error,
            ["attempts"] = attempts,
            ["failedAt"] = at,
        };
        await producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = record.Message.Key,
            Value = Encoding.UTF8.GetBytes(body.ToJsonString()),
            Headers = [new Header("error", Encoding.UTF8.GetBytes(error.Length > 512 ? error[..512] : error)), new Header("original-topic", Encoding.UTF8.GetBytes(record.Topic))],
        }, ct);
        metrics?.DeadLetterWritten(record.Topic);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
