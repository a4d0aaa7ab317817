using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Counts records of one partition, for one assignment epoch, that were fetched but not yet
/// emitted. Shared between the polling thread (adds) and the stage (releases), hence atomics.
/// A new instance is made on every (re)assignment, so late releases for a revoked epoch can
/// never distort the count of a later one.
/// </summary>
internal sealed class PartitionBuffer(TopicPartition partition, BufferGauge gauge, int wakeAt)
{
    private int _count;

    public TopicPartition Partition { get; } = partition;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Offset of the first record delivered to the stage in this epoch (polling thread only).</summary>
    public long FirstDelivered { get; set; } = -1;

    public void Add()
    {
        Interlocked.Increment(ref _count);
        gauge.Add();
    }

    public void Release(int n = 1)
    {
        // Waking on the partition's own low watermark lets a partitioned source resume one
        // drained sub-source while others stay paused.
        if (Interlocked.Add(ref _count, -n) <= wakeAt)
            gauge.Wake.Set();
        gauge.Release(n);
    }
}

/// <summary>Total buffered records of one source, its peak, and a wake-up for the polling thread.</summary>
internal sealed class BufferGauge
{
    private int _total;
    private int _peak;

    public BufferGauge(int lowWatermark) => LowWatermark = lowWatermark;

    /// <summary>Signalled when a release crosses the low watermark, so a parked poller resumes at once.</summary>
    public ManualResetEventSlim Wake { get; } = new(false);

    public int LowWatermark { get; }

    public int Total => Volatile.Read(ref _total);

    public int Peak => Volatile.Read(ref _peak);

    public void Add()
    {
        var now = Interlocked.Increment(ref _total);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak) { }
    }

    public void Release(int n)
    {
        var now = Interlocked.Add(ref _total, -n);
        if (now <= LowWatermark)
            Wake.Set();
    }
}
