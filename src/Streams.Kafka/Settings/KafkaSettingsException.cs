namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>
/// Thrown when a setting is missing or invalid. <see cref="Key"/> names the offending key so
/// a misconfigured deployment fails fast with a message an operator can act on.
/// </summary>
public sealed class KafkaSettingsException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    public KafkaSettingsException(string key, string message, Exception? inner = null)
        : base($"Invalid Kafka setting '{key}': {message}", inner) => Key = key;

    /// <summary>The setting (our own key or a librdkafka property) that was rejected.</summary>
    public string Key { get; }
}
