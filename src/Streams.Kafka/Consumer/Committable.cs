using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>Something the committer can commit: one offset or a batch of them.</summary>
public interface ICommittable
{
    /// <summary>Number of consumed messages this covers (a batch counts each offset it absorbed).</summary>
    int BatchSize { get; }
}

/// <summary>Commits offsets on the consumer that read them (implemented by the polling driver).</summary>
internal interface ICommitter
{
    /// <summary>Commits the given "next offsets to read" (record offset + 1), highest per partition.</summary>
    Task CommitAsync(IReadOnlyList<TopicPartitionOffset> nextOffsets);
}

/// <summary>
/// The position of one consumed record. Committing it stores <c>Offset + 1</c> (the next record
/// to read) for its partition and consumer group.
/// </summary>
public sealed class CommittableOffset : ICommittable
{
    internal CommittableOffset(ICommitter committer, string groupId, TopicPartitionOffset offset)
    {
        Committer = committer;
        GroupId = groupId;
        TopicPartitionOffset = offset;
    }

    internal ICommitter Committer { get; }

    /// <summary>The consumer group the offset belongs to.</summary>
    public string GroupId { get; }

    /// <summary>Topic, partition and offset of the consumed record.</summary>
    public TopicPartitionOffset TopicPartitionOffset { get; }

    /// <inheritdoc />
    public int BatchSize => 1;

    /// <summary>Commits this offset alone (prefer <see cref="Committing.Committer"/> for batching).</summary>
    public Task CommitAsync() =>
        Committer.CommitAsync([new TopicPartitionOffset(TopicPartitionOffset.TopicPartition, TopicPartitionOffset.Offset + 1)]);

    /// <inheritdoc />
    public override string ToString() => $"CommittableOffset({GroupId}, {TopicPartitionOffset})";
}

/// <summary>A consumed record with the offset to commit once it has been processed.</summary>
/// <param name="Record">The record as Confluent.Kafka returned it.</param>
/// <param name="Offset">Its committable offset.</param>
public sealed record CommittableMessage<TKey, TValue>(ConsumeResult<TKey, TValue> Record, CommittableOffset Offset);
