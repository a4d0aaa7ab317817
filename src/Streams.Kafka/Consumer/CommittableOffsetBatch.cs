using System.Collections.Immutable;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Offsets aggregated for one commit: per consumer and partition the highest offset wins, so
/// committing a batch never moves a partition backwards. Immutable.
/// </summary>
public sealed class CommittableOffsetBatch : ICommittable
{
    private readonly ImmutableDictionary<(ICommitter Committer, TopicPartition Partition), long> _highest;

    private CommittableOffsetBatch(ImmutableDictionary<(ICommitter, TopicPartition), long> highest, int batchSize)
    {
        _highest = highest;
        BatchSize = batchSize;
    }

    /// <summary>A batch with no offsets.</summary>
    public static CommittableOffsetBatch Empty { get; } = new(ImmutableDictionary<(ICommitter, TopicPartition), long>.Empty, 0);

    /// <inheritdoc />
    public int BatchSize { get; }

    /// <summary>True when the batch holds no offset.</summary>
    public bool IsEmpty => _highest.IsEmpty;

    /// <summary>Highest record offset per partition (the committed value is this plus one).</summary>
    public IReadOnlyDictionary<TopicPartition, long> Offsets =>
        _highest.GroupBy(kv => kv.Key.Partition).ToDictionary(g => g.Key, g => g.Max(kv => kv.Value));

    /// <summary>Adds an offset or another batch.</summary>
    public CommittableOffsetBatch Updated(ICommittable committable)
    {
        switch (committable)
        {
            case CommittableOffset o:
                {
                    var key = (o.Committer, o.TopicPartitionOffset.TopicPartition);
                    var offset = o.TopicPartitionOffset.Offset.Value;
                    var map = _highest.TryGetValue(key, out var current) && current >= offset ? _highest : _highest.SetItem(key, offset);
                    return new CommittableOffsetBatch(map, BatchSize + 1);
                }
            case CommittableOffsetBatch b:
                {
                    var map = _highest;
                    foreach (var (key, offset) in b._highest)
                    {
                        if (!map.TryGetValue(key, out var current) || current < offset)
                            map = map.SetItem(key, offset);
                    }
                    return new CommittableOffsetBatch(map, BatchSize + b.BatchSize);
                }
            default:
                throw new ArgumentException($"Unsupported committable {committable.GetType()}", nameof(committable));
        }
    }

    /// <summary>Commits the batch: one commit per consumer, each partition at its highest offset + 1.</summary>
    public Task CommitAsync() =>
        Task.WhenAll(_highest
            .GroupBy(kv => kv.Key.Committer)
            .Select(g => g.Key.CommitAsync(g.Select(kv => new TopicPartitionOffset(kv.Key.Partition, kv.Value + 1)).ToList())));

    /// <inheritdoc />
    public override string ToString() =>
        $"CommittableOffsetBatch({string.Join(", ", Offsets.Select(kv => $"{kv.Key}@{kv.Value}"))})";
}
