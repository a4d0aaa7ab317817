using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorOrders.Projections;

/// <summary>
/// In-process status of every projection slice this node knows (thread-safe), and the
/// <c>ActorOrders.Projections</c> <see cref="Meter"/> that publishes it. Register one as a singleton;
/// workers and lag probes write it, the host reads <see cref="Snapshot"/>.
/// </summary>
/// <remarks>
/// <para>Instruments, tagged <c>projection</c> and <c>slice</c> only: observable gauges <c>lag.events</c>,
/// <c>lag.seconds</c>, <c>offset</c>, <c>running</c> (1/0) and counter <c>events</c> (events handled).
/// prometheus-net's meter adapter names a metric <c>{meter}_{instrument}</c>, lower-cased with every other
/// character made <c>_</c>, so they export as <c>actororders_projections_lag_events</c>,
/// <c>actororders_projections_lag_seconds</c>, <c>actororders_projections_offset</c>,
/// <c>actororders_projections_running</c> and <c>actororders_projections_events</c> (an instrument named
/// <c>actororders.projection.lag.events</c> would export as <c>actororders_projections_actororders_projection_lag_events</c>).</para>
/// <para>Lag is measured by every node that runs the projection's role, whether or not the slice's
/// worker is there: aggregate with max by (projection, slice).</para>
/// </remarks>
public sealed class ProjectionMonitor : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ActorOrders.Projections";

    /// <summary>Gauge: tagged events after the slice's stored offset (capped).</summary>
    public const string LagEventsInstrument = "lag.events";

    /// <summary>Gauge: age in seconds of the oldest event after the stored offset; 0 when caught up.</summary>
    public const string LagSecondsInstrument = "lag.seconds";

    /// <summary>Gauge: the slice's stored offset (journal ordering).</summary>
    public const string OffsetInstrument = "offset";

    /// <summary>Gauge: 1 when the slice's worker runs on this node.</summary>
    public const string RunningInstrument = "running";

    /// <summary>Counter: events handed to handlers (at-least-once: repeats count).</summary>
    public const string EventsInstrument = "events";

    private readonly ConcurrentDictionary<(string Projection, int Slice), Cell> _cells = new();
    private readonly Meter _meter;
    private readonly Counter<long> _handled;
    private readonly TimeProvider _clock;

    /// <summary>A monitor with its meter; <paramref name="clock"/> defaults to the system clock.</summary>
    public ProjectionMonitor(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _meter = new Meter(MeterName);
        _handled = _meter.CreateCounter<long>(EventsInstrument, description: "Events handed to projection handlers (at-least-once: repeats count).");
        _meter.CreateObservableGauge(LagEventsInstrument, () => Measure(c => c.LagEvents), description: "Tagged events after the slice's stored offset (capped).");
        _meter.CreateObservableGauge(LagSecondsInstrument, () => Measure(c => c.LagSeconds), unit: "s", description: "Age of the oldest event after the slice's stored offset; 0 when caught up.");
        _meter.CreateObservableGauge(OffsetInstrument, () => Measure(c => (long?)c.StoredOffset), description: "The slice's stored offset (journal ordering).");
        _meter.CreateObservableGauge(RunningInstrument, () => Measure(c => (long?)(c.Running ? 1 : 0)), description: "1 when the slice's worker runs on this node.");
    }

    /// <summary>Every known slice, ordered by projection and slice.</summary>
    public IReadOnlyList<SliceStatus> Snapshot() =>
        [.. _cells.Values.Select(c => c.Status()).OrderBy(s => s.Projection, StringComparer.Ordinal).ThenBy(s => s.Slice)];

    /// <summary>The status of one slice, or null when this node does not know it.</summary>
    public SliceStatus? Get(string projection, int slice) =>
        _cells.TryGetValue((projection, slice), out var cell) ? cell.Status() : null;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    internal void Register(string projection, int slice) => CellOf(projection, slice);

    internal void Started(string projection, int slice, long storedOffset, bool backfilling) =>
        CellOf(projection, slice).Update(c =>
        {
            c.Running = true;
            c.Backfilling = backfilling;
            c.StoredOffset = Math.Max(c.StoredOffset, storedOffset);
        });

    internal void Stopped(string projection, int slice) =>
        CellOf(projection, slice).Update(c =>
        {
            c.Running = false;
            c.Backfilling = false;
        });

    internal void BatchHandled(string projection, int slice, int events, long? storedOffset)
    {
        var now = _clock.GetUtcNow();
        CellOf(projection, slice).Update(c =>
        {
            c.EventsHandled += events;
            c.LastBatchAt = now;
            if (storedOffset is { } offset) c.StoredOffset = Math.Max(c.StoredOffset, offset);
        });
        _handled.Add(events, Tags(projection, slice));
    }

    internal void BackfillDone(string projection, int slice) => CellOf(projection, slice).Update(c => c.Backfilling = false);

    internal void Failed(string projection, int slice, Exception error)
    {
        var now = _clock.GetUtcNow();
        CellOf(projection, slice).Update(c =>
        {
            c.Running = false;
            c.LastError = $"{error.GetType().Name}: {error.Message}";
            c.LastErrorAt = now;
        });
    }

    internal void LagMeasured(string projection, int slice, long storedOffset, long events, double seconds)
    {
        var now = _clock.GetUtcNow();
        CellOf(projection, slice).Update(c =>
        {
            c.StoredOffset = Math.Max(c.StoredOffset, storedOffset);
            c.LagEvents = events;
            c.LagSeconds = seconds;
            c.LagMeasuredAt = now;
        });
    }

    private Cell CellOf(string projection, int slice) => _cells.GetOrAdd((projection, slice), static k => new Cell(k.Projection, k.Slice));

    private IEnumerable<Measurement<T>> Measure<T>(Func<SliceStatus, T?> value) where T : struct
    {
        foreach (var cell in _cells.Values)
        {
            var status = cell.Status();
            if (value(status) is { } v) yield return new Measurement<T>(v, Tags(status.Projection, status.Slice));
        }
    }

    private static KeyValuePair<string, object?>[] Tags(string projection, int slice) =>
        [new("projection", projection), new("slice", slice.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    // One slice's mutable status; every read and write holds its lock, so a snapshot is consistent.
    private sealed class Cell(string projection, int slice)
    {
        private readonly Lock _lock = new();
        public bool Running;
        public bool Backfilling;
        public long StoredOffset;
        public long EventsHandled;
        public DateTimeOffset? LastBatchAt;
        public string? LastError;
        public DateTimeOffset? LastErrorAt;
        public long? LagEvents;
        public double? LagSeconds;
        public DateTimeOffset? LagMeasuredAt;

        public void Update(Action<Cell> change)
        {
            lock (_lock) change(this);
        }

        public SliceStatus Status()
        {
            lock (_lock)
                return new SliceStatus(projection, slice, Running, Backfilling, StoredOffset, EventsHandled, LastBatchAt, LastError, LastErrorAt, LagEvents, LagSeconds, LagMeasuredAt);
        }
    }
}
