using System.Diagnostics.Metrics;
using ActorOrders.Contracts;

namespace ActorOrders.Node.Board;

/// <summary>
/// What the board needs of the <c>ActorOrders.Orders</c> meter, kept by a <see cref="MeterListener"/> of its own
/// (the orders are not touched): totals of placed and finished orders since the process started, the last
/// <see cref="OrderBoard.MaxSeriesSeconds"/> seconds second by second, and the saga steps that ended in the
/// last minute as one duration histogram per action. The meter is one per process, so is this recorder
/// (<see cref="Shared"/>); snapshots carry <see cref="ProcessId"/> so the board counts a process once.
/// </summary>
public sealed class BoardRecorder : IDisposable
{
    /// <summary>The meter listened to (<c>OrderMetrics.MeterName</c> in Domain.Actors).</summary>
    public const string MeterName = "ActorOrders.Orders";

    /// <summary>The window of <see cref="Steps"/>.</summary>
    public const int StepWindowSeconds = 60;

    /// <summary>Upper bounds of the step histograms, in seconds (those the meter advises for <c>step.duration</c>).</summary>
    public static readonly IReadOnlyList<double> StepBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private static readonly Lazy<BoardRecorder> ForThisProcess = new(() => new BoardRecorder(TimeProvider.System, listen: true));

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly MeterListener? _listener;
    private readonly long[] _seconds = new long[OrderBoard.MaxSeriesSeconds];
    private readonly BoardSecondCell[] _cells = new BoardSecondCell[OrderBoard.MaxSeriesSeconds];
    private readonly long[] _stepSeconds = new long[StepWindowSeconds];
    private readonly Dictionary<string, StepCell>[] _steps = new Dictionary<string, StepCell>[StepWindowSeconds];
    private readonly Dictionary<string, long> _finished = new(StringComparer.Ordinal);
    private long _placed;

    /// <summary>A recorder on <paramref name="clock"/>; with <paramref name="listen"/> it listens to the meter (else it is fed by <see cref="Record"/>).</summary>
    public BoardRecorder(TimeProvider clock, bool listen)
    {
        _clock = clock;
        StartedAt = clock.GetUtcNow();
        for (var i = 0; i < _cells.Length; i++) _cells[i] = new BoardSecondCell();
        for (var i = 0; i < _steps.Length; i++) _steps[i] = new Dictionary<string, StepCell>(StringComparer.Ordinal);
        _seconds.AsSpan().Fill(long.MinValue);
        _stepSeconds.AsSpan().Fill(long.MinValue);
        if (!listen) return;

        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == MeterName && instrument.Name is "placed" or "finished" or "attention.required" or "step.duration")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i.Name, v, tags));
        _listener.Start();
    }

    /// <summary>The process's recorder, listening from its first use.</summary>
    public static BoardRecorder Shared => ForThisProcess.Value;

    /// <summary>An id of this process, random at start.</summary>
    public static string ProcessId { get; } = Guid.NewGuid().ToString("N")[..16];

    /// <summary>When this recorder started counting.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>One measurement of the meter (what the listener hands over).</summary>
    public void Record(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000;
        lock (_gate)
        {
            switch (instrument)
            {
                case "placed":
                    _placed += (long)value;
                    Cell(now).Placed += (long)value;
                    break;
                case "finished":
                    var outcome = Tag(tags, "outcome") ?? "Unknown";
                    _finished[outcome] = _finished.GetValueOrDefault(outcome) + (long)value;
                    var cell = Cell(now);
                    switch (outcome)
                    {
                        case nameof(OrderStatus.Completed): cell.Completed += (long)value; break;
                        case nameof(OrderStatus.Rejected): cell.Rejected += (long)value; break;
                        case nameof(OrderStatus.Cancelled): cell.Cancelled += (long)value; break;
                    }

                    break;
                case "attention.required":
                    _finished[nameof(OrderStatus.AttentionRequired)] = _finished.GetValueOrDefault(nameof(OrderStatus.AttentionRequired)) + (long)value;
                    Cell(now).Attention += (long)value;
                    break;
                case "step.duration":
                    var action = Tag(tags, "action") ?? "Unknown";
                    var steps = StepsAt(now);
                    if (!steps.TryGetValue(action, out var step)) steps[action] = step = new StepCell();
                    step.Add(value, failed: Tag(tags, "result") != "Succeeded");
                    break;
            }
        }
    }

    /// <summary>The totals, the last <paramref name="seconds"/> seconds (the current one included) and the steps of the last minute.</summary>
    public (long Placed, IReadOnlyList<BoardCount> Finished, long SeriesStart, IReadOnlyList<BoardSecond> Series, IReadOnlyList<BoardStep> Steps) Read(int seconds)
    {
        seconds = Math.Clamp(seconds, 1, OrderBoard.MaxSeriesSeconds);
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000;
        var start = now - seconds + 1;
        lock (_gate)
        {
            var series = new BoardSecond[seconds];
            for (var s = start; s <= now; s++)
            {
                var slot = Slot(s, _seconds.Length);
                series[s - start] = _seconds[slot] == s ? _cells[slot].ToSecond() : new BoardSecond(0, 0, 0, 0, 0);
            }

            var merged = new SortedDictionary<string, StepCell>(StringComparer.Ordinal);
            for (var s = now - StepWindowSeconds + 1; s <= now; s++)
            {
                var slot = Slot(s, _stepSeconds.Length);
                if (_stepSeconds[slot] != s) continue;
                foreach (var (action, cell) in _steps[slot])
                {
                    if (!merged.TryGetValue(action, out var into)) merged[action] = into = new StepCell();
                    into.Merge(cell);
                }
            }

            return (
                _placed,
                [.. _finished.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new BoardCount(f.Key, f.Value))],
                start,
                series,
                [.. merged.Select(m => new BoardStep(m.Key, StepBounds, [.. m.Value.Buckets], m.Value.Count, m.Value.Sum, m.Value.Failed, m.Value.Max))]);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _listener?.Dispose();

    private static int Slot(long second, int length) => (int)(((second % length) + length) % length);

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }

        return null;
    }

    private BoardSecondCell Cell(long second)
    {
        var slot = Slot(second, _seconds.Length);
        if (_seconds[slot] != second)
        {
            _seconds[slot] = second;
            _cells[slot] = new BoardSecondCell();
        }

        return _cells[slot];
    }

    private Dictionary<string, StepCell> StepsAt(long second)
    {
        var slot = Slot(second, _stepSeconds.Length);
        if (_stepSeconds[slot] != second)
        {
            _stepSeconds[slot] = second;
            _steps[slot].Clear();
        }

        return _steps[slot];
    }

    private sealed class BoardSecondCell
    {
        public long Placed, Completed, Rejected, Cancelled, Attention;

        public BoardSecond ToSecond() => new(Placed, Completed, Rejected, Cancelled, Attention);
    }

    private sealed class StepCell
    {
        public readonly long[] Buckets = new long[StepBounds.Count + 1];
        public long Count, Failed;
        public double Sum, Max;

        public void Add(double seconds, bool failed)
        {
            var i = 0;
            while (i < StepBounds.Count && seconds > StepBounds[i]) i++;
            Buckets[i]++;
            Count++;
            Sum += seconds;
            Max = Math.Max(Max, seconds);
            if (failed) Failed++;
        }

        public void Merge(StepCell other)
        {
            for (var i = 0; i < Buckets.Length; i++) Buckets[i] += other.Buckets[i];
            Count += other.Count;
            Failed += other.Failed;
            Sum += other.Sum;
            Max = Math.Max(Max, other.Max);
        }
    }
}
