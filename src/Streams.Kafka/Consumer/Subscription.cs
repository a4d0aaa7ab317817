using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>What a source reads: topics through the consumer group, or an explicit manual assignment.</summary>
public abstract record Subscription
{
    private protected Subscription() { }

    /// <summary>Subscribes to topics; partitions are assigned (and rebalanced) by the group.</summary>
    public static Subscription Topics(params string[] topics)
    {
        if (topics.Length == 0 || topics.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("At least one non-empty topic is required", nameof(topics));
        return new TopicSubscription(topics);
    }

    /// <summary>
    /// Assigns partitions manually, starting at explicit offsets (for replay). No rebalancing;
    /// a group id is still needed to commit. <see cref="Offset.Unset"/> starts at the committed offset.
    /// </summary>
    public static Subscription Assignment(params TopicPartitionOffset[] partitions)
    {
        if (partitions.Length == 0)
            throw new ArgumentException("At least one partition is required", nameof(partitions));
        return new ManualAssignment(partitions);
    }

    /// <summary>Assigns partitions manually, starting at the committed offset (or per <c>auto.offset.reset</c>).</summary>
    public static Subscription Assignment(params TopicPartition[] partitions) =>
        Assignment(partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToArray());

    internal bool Subscribes => this is TopicSubscription;
}

internal sealed record TopicSubscription(IReadOnlyList<string> TopicNames) : Subscription;

internal sealed record ManualAssignment(IReadOnlyList<TopicPartitionOffset> Partitions) : Subscription;
