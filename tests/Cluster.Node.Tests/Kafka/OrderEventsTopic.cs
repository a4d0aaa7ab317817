using System.Text.Json;
using Confluent.Kafka;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>One CloudEvent read back from orders.events.</summary>
public sealed record PublishedEvent(string Key, string Id, string Type, string Subject, long Sequence, JsonElement Data, int Partition, long Offset, string? TraceParent = null);

/// <summary>Reads orders.events from the beginning with a plain Confluent consumer (no group).</summary>
public static class OrderEventsTopic
{
    public static List<PublishedEvent> ReadAll(string bootstrapServers, string topic, Func<List<PublishedEvent>, bool> enough, TimeSpan deadline)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var events = new List<PublishedEvent>();
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until && !enough(events))
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null || record.IsPartitionEOF) continue;
            using var doc = JsonDocument.Parse(record.Message.Value);
            var root = doc.RootElement;
            events.Add(new PublishedEvent(
                record.Message.Key,
                root.GetProperty("id").GetString()!,
                root.GetProperty("type").GetString()!,
                root.GetProperty("subject").GetString()!,
                long.Parse(root.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                root.GetProperty("data").Clone(),
                record.Partition.Value,
                record.Offset.Value,
                root.TryGetProperty("traceparent", out var trace) ? trace.GetString() : null));
        }

        consumer.Close();
        return events;
    }
}
