using System.Collections.Concurrent;
using System.Diagnostics;
using ActorOrders.Streams.Kafka.Settings;
using Akka.Event;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Owns one <see cref="IConsumer{TKey,TValue}"/> and the single dedicated thread that polls it.
/// Everything touching the consumer — Consume, Pause/Resume, Commit, Seek, metadata, and the
/// rebalance callbacks librdkafka runs inside Consume — happens on that thread. Other threads
/// only enqueue <see cref="DriverCommand"/>s and read atomics. A dedicated thread (not the
/// stream's dispatcher) is used because Consume blocks and commits are synchronous.
/// </summary>
/// <remarks>
/// Loop: run commands → run due commit retries → pause/resume by buffer level → then either
/// Consume(poll timeout) and hand a batch to the stage, or park on the wake-up event.
/// When the source's total buffer is full the driver first just stops taking records (they
/// stay in librdkafka's prefetch queue, itself capped by <c>queued.max.messages.kbytes</c>):
/// pausing is costly, because librdkafka drops its prefetched records and a resumed partition
/// takes a fetch round trip (~0.2 s on the mock cluster) to flow again. Only if the buffer stays
/// full for <see cref="PauseDelay"/> are all partitions paused; from then on Consume(0) is
/// still called every poll timeout, which keeps the member in its group (max.poll.interval.ms)
/// and serves rebalances. A partition whose own queue is full (partitioned sources) is paused
/// at once, so the other partitions keep flowing.
/// </remarks>
internal sealed partial class ConsumerDriver<TKey, TValue> : ICommitter
{
    private readonly ConsumerSettings<TKey, TValue> _settings;
    private readonly Subscription _subscription;
    private readonly BufferGauge _gauge;
    private readonly int _partitionCap;
    private readonly int _partitionLow;
    private readonly int _partitionWakeAt;
    private readonly ConcurrentQueue<DriverCommand> _commands = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TopicPartition, PartitionBuffer> _assigned = new();
    private readonly HashSet<TopicPartition> _paused = new();
    private readonly List<CommitCommand> _retries = new();
    private IConsumerListener<TKey, TValue> _listener = null!;
    private ILoggingAdapter _log = NoLogger.Instance;
    private IConsumer<TKey, TValue>? _consumer;
    private int _started;
    private volatile bool _shutdownRequested;
    private volatile bool _accepting = true;
    private bool _stopped;
    private bool _stopReported;
    private long _autoShutdownAt = long.MaxValue;
    private volatile int _assignedCount;
    private long _assignments;
    private volatile int _pausedCount;
    private long _polls;
    private long _fullSince;

    /// <summary>How long a full buffer is tolerated without pausing; well below any sane max.poll.interval.ms.</summary>
    internal static readonly TimeSpan PauseDelay = TimeSpan.FromMilliseconds(500);

    public ConsumerDriver(ConsumerSettings<TKey, TValue> settings, Subscription subscription, bool perPartitionCap)
    {
        _settings = settings;
        _subscription = subscription;
        _gauge = new BufferGauge(settings.MaxBufferedRecords / 2);
        // A single-outlet source has no per-partition demand: only the total cap applies.
        _partitionCap = perPartitionCap ? settings.MaxBufferedRecordsPerPartition : int.MaxValue;
        _partitionLow = _partitionCap / 2;
        // Without per-partition caps only the total's low watermark wakes the poller; waking
        // on every released record would refill the buffer one record at a time.
        _partitionWakeAt = perPartitionCap ? _partitionLow : -1;
    }

    public Task Closed => _closed.Task;

    public ConsumerMetrics Metrics => new(_gauge.Total, _gauge.Peak, _assignedCount, _pausedCount, Interlocked.Read(ref _polls), Interlocked.Read(ref _assignments));

    /// <summary>Starts the polling thread; the listener's callbacks must already be wired.</summary>
    public void Start(IConsumerListener<TKey, TValue> listener, ILoggingAdapter log)
    {
        _listener = listener;
        _log = log;
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
            return;
        new Thread(Run) { IsBackground = true, Name = $"kafka-consumer-{_settings.GroupId ?? "manual"}" }.Start();
    }

    /// <inheritdoc />
    public Task CommitAsync(IReadOnlyList<TopicPartitionOffset> nextOffsets)
    {
        var command = new CommitCommand(nextOffsets);
        Enqueue(command);
        return command.Task;
    }

    public Task<IReadOnlyList<PartitionLag>> GetLagAsync()
    {
        var command = new LagCommand();
        Enqueue(command);
        return command.Task;
    }

    /// <summary>Stop fetching and complete the source; the consumer stays to serve commits.</summary>
    public void RequestStop() => Enqueue(new ActionCommand(Stop));

    /// <summary>The stage finished: shut down after the stop timeout, or at once if it failed.</summary>
    public void StageStopped(bool failed)
    {
        var delay = failed ? TimeSpan.Zero : _settings.StopTimeout;
        Enqueue(new ActionCommand(() =>
        {
            Stop();
            _autoShutdownAt = Math.Min(_autoShutdownAt, Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency));
        }));
    }

    /// <summary>Closes the consumer. Completes when closed or when the close timeout passed.</summary>
    public async Task Shutdown()
    {
        _shutdownRequested = true;
        _gauge.Wake.Set();
        if (Interlocked.CompareExchange(ref _started, 2, 0) == 0)
            _closed.TrySetResult();
        var deadline = _settings.CloseTimeout + _settings.PollTimeout + _settings.MetadataTimeout;
        if (await Task.WhenAny(_closed.Task, Task.Delay(deadline)).ConfigureAwait(false) != _closed.Task)
            _log.Warning("Kafka consumer did not close within {0}; abandoning its polling thread", deadline);
    }

    /// <summary>Sub-source cancelled: restart the partition from the first record not emitted.</summary>
    public void Reseek(PartitionBuffer epoch, long lastEmitted) =>
        Enqueue(new ActionCommand(() => RestartPartition(epoch, lastEmitted)));

    private void Enqueue(DriverCommand command)
    {
        if (!_accepting)
        {
            command.Abort(new ConsumerClosedException("The Kafka consumer is closed"));
            return;
        }
        _commands.Enqueue(command);
        _gauge.Wake.Set();
        // Closed between the check and the enqueue: the drain in Close may have missed it.
        if (!_accepting && _commands.TryDequeue(out var missed))
            missed.Abort(new ConsumerClosedException("The Kafka consumer is closed"));
    }

    private void Run()
    {
        try
        {
            _consumer = BuildConsumer();
            ApplySubscription();
            while (!_shutdownRequested && Stopwatch.GetTimestamp() < _autoShutdownAt)
            {
                _gauge.Wake.Reset();
                RunCommands();
                RunDueRetries();
                UpdatePauses();
                var allPaused = _assigned.Count > 0 && _paused.Count == _assigned.Count;
                if (_stopped || allPaused)
                {
                    _gauge.Wake.Wait(_settings.PollTimeout);
                    Poll(TimeSpan.Zero); // serves rebalances and keeps the member alive; paused partitions return nothing
                }
                else if (TotalFull)
                {
                    _gauge.Wake.Wait(_settings.PollTimeout); // not polling: records wait in librdkafka's capped prefetch
                }
                else
                {
                    Poll(_settings.PollTimeout);
                }
            }
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Kafka consumer failed");
            _stopReported = true;
            _listener.OnFailed(ex);
        }
        finally
        {
            Close();
        }
    }

    private IConsumer<TKey, TValue> BuildConsumer()
    {
        var builder = new ConsumerBuilder<TKey, TValue>(_settings.Properties)
            .SetPartitionsAssignedHandler((_, partitions) => Assigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetPartitionsLostHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetErrorHandler((_, error) => OnClientError(error))
            .SetLogHandler((_, message) => OnClientLog(message));
        if (_settings.KeyDeserializer is not null) builder.SetKeyDeserializer(_settings.KeyDeserializer);
        if (_settings.ValueDeserializer is not null) builder.SetValueDeserializer(_settings.ValueDeserializer);
        return ClientFactory.Build(() => builder.Build());
    }

    private void ApplySubscription()
    {
        switch (_subscription)
        {
            case TopicSubscription topics:
                _consumer!.Subscribe(topics.TopicNames);
                break;
            case ManualAssignment manual:
                _consumer!.Assign(manual.Partitions);
                Assigned(manual.Partitions.Select(p => p.TopicPartition).ToList());
                break;
        }
    }

    private void Poll(TimeSpan timeout)
    {
        List<Record<TKey, TValue>>? batch = null;
        while (batch is null || batch.Count < _settings.MaxRecordsPerBatch)
        {
            var result = Consume(timeout);
            timeout = TimeSpan.Zero;
            if (result is null)
                break;
            if (result.IsPartitionEOF || _stopped || !_assigned.TryGetValue(result.TopicPartition, out var buffer))
                continue; // revoked, or stopping: the record was not processed, so it is not committed either
            if (_paused.Contains(result.TopicPartition) || buffer.Count >= _partitionCap || TotalFull)
            {
                // Over the cap (e.g. fetched for a partition assigned while we were full): put it back.
                Pause([result.TopicPartition]);
                _consumer!.Seek(result.TopicPartitionOffset);
                continue;
            }
            if (buffer.FirstDelivered < 0)
                buffer.FirstDelivered = result.Offset.Value;
            buffer.Add();
            (batch ??= new List<Record<TKey, TValue>>()).Add(new Record<TKey, TValue>(result, buffer));
            if (buffer.Count >= _partitionCap)
                Pause([result.TopicPartition]);
            if (TotalFull)
                break;
        }
        if (batch is not null)
            _listener.OnRecords(batch);
    }

    private ConsumeResult<TKey, TValue>? Consume(TimeSpan timeout)
    {
        Interlocked.Increment(ref _polls);
        try
        {
            return _consumer!.Consume(timeout);
        }
        catch (ConsumeException ex) when (!ex.Error.IsFatal
                                          && ex.Error.Code is not (ErrorCode.Local_KeyDeserialization or ErrorCode.Local_ValueDeserialization))
        {
            // Transient broker/topic errors are reported by librdkafka as consume errors and retried by it.
            _log.Warning("Kafka consume error (continuing): {0}", ex.Error);
            return null;
        }
    }

    private void Assigned(IReadOnlyList<TopicPartition> partitions)
    {
        var buffers = new List<PartitionBuffer>(partitions.Count);
        foreach (var tp in partitions)
        {
            var buffer = new PartitionBuffer(tp, _gauge, _partitionWakeAt);
            _assigned[tp] = buffer;
            _paused.Remove(tp);
            buffers.Add(buffer);
        }
        _assignedCount = _assigned.Count;
        Interlocked.Increment(ref _assignments);
        _log.Info("Kafka partitions assigned: {0}", string.Join(", ", partitions));
        _listener.OnAssigned(buffers);
        _settings.OnPartitionsAssigned?.Invoke(partitions);
    }

    private void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        foreach (var tp in partitions)
        {
            _assigned.Remove(tp);
            _paused.Remove(tp);
        }
        _assignedCount = _assigned.Count;
        _pausedCount = _paused.Count;
        _log.Info("Kafka partitions revoked: {0}", string.Join(", ", partitions));
        _listener.OnRevoked(partitions);
        _settings.OnPartitionsRevoked?.Invoke(partitions);
    }

    private bool TotalFull => _gauge.Total >= _settings.MaxBufferedRecords;

    private void UpdatePauses()
    {
        if (_assigned.Count == 0)
            return;
        var now = Stopwatch.GetTimestamp();
        if (!TotalFull)
            _fullSince = 0;
        else if (_fullSince == 0)
            _fullSince = now;
        var totalFull = _fullSince != 0 && Stopwatch.GetElapsedTime(_fullSince, now) >= PauseDelay;
        var totalLow = _gauge.Total <= _gauge.LowWatermark;
        List<TopicPartition>? pause = null, resume = null;
        foreach (var (tp, buffer) in _assigned)
        {
            var paused = _paused.Contains(tp);
            if (!paused && (_stopped || totalFull || buffer.Count >= _partitionCap))
                (pause ??= new List<TopicPartition>()).Add(tp);
            else if (paused && !_stopped && totalLow && buffer.Count <= _partitionLow)
                (resume ??= new List<TopicPartition>()).Add(tp);
        }
        if (pause is not null)
            Pause(pause);
        if (resume is not null)
        {
            _consumer!.Resume(resume);
            _paused.ExceptWith(resume);
            _pausedCount = _paused.Count;
        }
    }

    private void Pause(List<TopicPartition> partitions)
    {
        var fresh = partitions.Where(_paused.Add).ToList();
        if (fresh.Count > 0)
            _consumer!.Pause(fresh);
        _pausedCount = _paused.Count;
    }

    private void Stop()
    {
        _stopped = true;
        UpdatePauses();
        if (_stopReported)
            return;
        _stopReported = true;
        _listener.OnStopped();
    }

    private void RestartPartition(PartitionBuffer epoch, long lastEmitted)
    {
        if (!_assigned.TryGetValue(epoch.Partition, out var current) || current != epoch)
            return;
        var from = lastEmitted >= 0 ? lastEmitted + 1 : epoch.FirstDelivered;
        var fresh = new PartitionBuffer(epoch.Partition, _gauge, _partitionWakeAt);
        _assigned[epoch.Partition] = fresh;
        if (from >= 0)
            _consumer!.Seek(new TopicPartitionOffset(epoch.Partition, from));
        _listener.OnAssigned([fresh]);
    }
}
