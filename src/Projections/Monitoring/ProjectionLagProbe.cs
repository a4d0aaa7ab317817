using Akka.Actor;
using Akka.Event;

namespace ActorOrders.Projections;

/// <summary>
/// Measures the lag of every slice of one projection every <see cref="ProjectionDefinition.LagInterval"/>
/// and writes it to the <see cref="ProjectionMonitor"/>: the stored offset (one primary-key read
/// per projection) and, per slice, the tagged events above it and the age of the oldest.
/// </summary>
/// <remarks>
/// It runs beside the workers, not in them, so the lag of a slice whose worker is down (the case
/// that matters) still rises. One runs on each node of the projection's role.
/// </remarks>
public sealed class ProjectionLagProbe : ReceiveActor, IWithTimers
{
    private readonly ProjectionDefinition _definition;
    private readonly ProjectionDatabase _database;
    private readonly ProjectionMonitor _monitor;
    private readonly SqlOffsetStore _offsets;
    private readonly LagQuery _query;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _measuring;
    private bool _initialized;

    /// <summary>Use <see cref="Props"/>.</summary>
    public ProjectionLagProbe(ProjectionDefinition definition, ProjectionDatabase database, ProjectionMonitor monitor)
    {
        _definition = definition;
        _database = database;
        _monitor = monitor;
        _offsets = new SqlOffsetStore(database);
        _query = new LagQuery(definition.Journal ?? JournalSchema.FromConfig(Context.System.Settings.Config, definition.ReadJournalPluginId));

        Receive<Measure>(_ => StartMeasuring());
        Receive<Measured>(OnMeasured);
        Receive<MeasureFailed>(f =>
        {
            _measuring = false;
            _log.Warning("Projection {0}: lag not measured: {1}", _definition.Name, f.Error.Message);
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The lag probe of <paramref name="definition"/>.</summary>
    public static Props Props(ProjectionDefinition definition, ProjectionDatabase database, ProjectionMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(monitor);
        return Akka.Actor.Props.Create(() => new ProjectionLagProbe(definition, database, monitor));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        for (var slice = 0; slice < _definition.SliceCount; slice++) _monitor.Register(_definition.Name, slice);
        // The first measurement waits an interval: at start-up the journal may not have created its tables yet.
        Timers.StartPeriodicTimer("measure", Measure.Instance, _definition.LagInterval, _definition.LagInterval);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void StartMeasuring()
    {
        // A measurement slower than the interval is not stacked on top of itself.
        if (_measuring) return;
        _measuring = true;
        MeasureAsync(_definition, _database, _offsets, _query, _initialized, _stopping.Token)
            .PipeTo(Self, success: m => m, failure: e => new MeasureFailed(e));
    }

    private void OnMeasured(Measured measured)
    {
        _measuring = false;
        _initialized = true;
        foreach (var s in measured.Slices)
            _monitor.LagMeasured(_definition.Name, s.Slice, s.Offset, s.Events, s.Seconds);
    }

    private static async Task<Measured> MeasureAsync(ProjectionDefinition definition, ProjectionDatabase database, SqlOffsetStore offsets, LagQuery query, bool initialized, CancellationToken ct)
    {
        // The offsets table may not exist yet when no worker has started; create it once, not on
        // every measurement (on SQLite DDL takes the write lock the journal needs).
        if (!initialized) await offsets.InitializeAsync(ct);
        var stored = await offsets.LoadAllAsync(definition.Name, ct);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        var now = DateTimeOffset.UtcNow;
        var slices = new List<SliceLag>(definition.SliceCount);
        for (var slice = 0; slice < definition.SliceCount; slice++)
        {
            var offset = stored.TryGetValue(slice, out var row) ? row.Offset : 0;
            var (events, seconds) = await query.MeasureAsync(connection, tx, definition.TagOf(slice), offset, definition.LagCountLimit, now, ct);
            slices.Add(new SliceLag(slice, offset, events, seconds));
        }
        await tx.CommitAsync(ct);
        return new Measured(slices);
    }

    private sealed record Measure
    {
        public static readonly Measure Instance = new();
    }

    private sealed record SliceLag(int Slice, long Offset, long Events, double Seconds);

    private sealed record Measured(IReadOnlyList<SliceLag> Slices);

    private sealed record MeasureFailed(Exception Error);
}
