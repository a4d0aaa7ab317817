using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Materialized value of every Kafka source: stops it, shuts the consumer down and reports lag.
/// All members are thread-safe.
/// </summary>
public interface IConsumerControl
{
    /// <summary>
    /// Stops fetching: buffered records are dropped (they were not processed, so they are not
    /// committed) and the source completes. The consumer stays in its group so offsets of records
    /// already emitted can still be committed, until <see cref="Shutdown"/> or the stop timeout.
    /// Completes when the source stage has finished.
    /// </summary>
    Task Stop();

    /// <summary>Stops the source and closes the consumer (leaving the group). Completes when closed or the close timeout passed; never hangs.</summary>
    Task Shutdown();

    /// <summary>Completes once the consumer has been closed, for whatever reason.</summary>
    Task IsShutdown { get; }

    /// <summary>
    /// Drain-and-shutdown: <see cref="Stop"/>, wait for <paramref name="streamCompletion"/> (typically the
    /// committer sink's task, so everything processed is committed), then <see cref="Shutdown"/>.
    /// Rethrows the stream's failure, if any, after the consumer is closed.
    /// </summary>
    Task<T> DrainAndShutdown<T>(Task<T> streamCompletion);

    /// <summary>Per-partition lag of the current assignment: committed offset against the high watermark.</summary>
    Task<IReadOnlyList<PartitionLag>> GetLagAsync();

    /// <summary>Live buffer figures, cheap to read from any thread.</summary>
    ConsumerMetrics Metrics { get; }
}

/// <summary>Lag of one partition.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Committed">The group's committed offset (next offset to read), or null when nothing was committed.</param>
/// <param name="Position">This consumer's fetch position, or null when it has not read yet.</param>
/// <param name="HighWatermark">Offset of the next record to be written.</param>
/// <param name="Lag">Records not yet committed: high watermark minus committed (minus the low watermark when nothing was committed).</param>
public sealed record PartitionLag(TopicPartition Partition, long? Committed, long? Position, long HighWatermark, long Lag);

/// <summary>Buffer figures of one source.</summary>
/// <param name="BufferedRecords">Records fetched and not yet emitted downstream.</param>
/// <param name="PeakBufferedRecords">Highest value <paramref name="BufferedRecords"/> ever reached.</param>
/// <param name="AssignedPartitions">Partitions currently assigned.</param>
/// <param name="PausedPartitions">Assigned partitions currently paused for back-pressure.</param>
/// <param name="Polls">Calls to <c>Consume</c> so far; keeps rising while everything is paused (group membership).</param>
/// <param name="Assignments">Assignments received so far (each rebalance that gave this consumer its partitions, even none): above zero once it joined its group.</param>
public sealed record ConsumerMetrics(int BufferedRecords, int PeakBufferedRecords, int AssignedPartitions, int PausedPartitions, long Polls, long Assignments);
