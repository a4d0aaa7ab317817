using System.Diagnostics;
using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorOrders.Projections;

/// <summary>
/// Runs one slice of a projection: loads the stored offset, runs the one-time backfill if it is not
/// done, then reads <c>EventsByTag(slice tag, offset)</c> in batches, hands each to the handler and
/// stores the new offset once the effect is durable. One batch is in flight at a time. A failure
/// (reading, handling, storing) restarts everything from the stored offset after an exponential backoff.
/// </summary>
/// <remarks>Answers <see cref="GetSliceStatus"/>; stops on <see cref="StopSlice"/>.</remarks>
public sealed class ProjectionWorker : ReceiveActor, IWithTimers
{
    private readonly ProjectionDefinition _definition;
    private readonly ProjectionMonitor _monitor;
    private readonly int _slice;
    private readonly string _tag;
    private readonly IOffsetStore _offsets;
    private readonly IReadJournal _journal;
    private readonly ActorMaterializer _materializer;
    private readonly ActorMaterializer _catchUpMaterializer;
    private readonly BatchRunner _runner;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private int _run;
    private int _failures;
    private IKillSwitch? _killSwitch;
    private BackfillProgress? _backfill;

    /// <summary>Use <see cref="Props"/>.</summary>
    public ProjectionWorker(ProjectionDefinition definition, ProjectionDatabase database, ProjectionMonitor monitor, int slice)
    {
        _definition = definition;
        _monitor = monitor;
        _slice = slice;
        _tag = definition.TagOf(slice);
        _offsets = new SqlOffsetStore(database);
        _journal = PersistenceQuery.Get(Context.System).ReadJournalFor<IReadJournal>(definition.ReadJournalPluginId);
        if (_journal is not (IEventsByTagQuery and ICurrentPersistenceIdsQuery and ICurrentEventsByPersistenceIdQuery))
            throw new InvalidOperationException($"Read journal '{definition.ReadJournalPluginId}' lacks EventsByTag, CurrentPersistenceIds or CurrentEventsByPersistenceId.");

        // One materializer for every run: each one is a child actor, so one per restart would pile up.
        _materializer = Context.Materializer();
        // The catch-up reader is called from handler code on pool threads: it needs a materializer
        // that is not bound to this actor's context.
        _catchUpMaterializer = ActorMaterializer.Create(Context.System, namePrefix: $"projection-catchup-{definition.Name}-{slice}");
        _runner = new BatchRunner(definition, slice, database, _offsets, new CatchUpReader((ICurrentEventsByPersistenceIdQuery)_journal, _catchUpMaterializer));

        Receive<Loaded>(l => l.Run == _run, OnLoaded);
        Receive<BatchDone>(OnBatchDone);
        Receive<StreamEnded>(e => e.Run == _run, OnStreamEnded);
        Receive<BackfillMarked>(m => m.Run == _run, _ => Load());
        Receive<StreamFailed>(f => f.Run == _run, OnFailed);
        Receive<Restart>(r => r.Run == _run, _ => Load());
        Receive<GetSliceStatus>(_ => Sender.Tell(_monitor.Get(_definition.Name, _slice)));
        Receive<StopSlice>(_ => Context.Stop(Self));
        // Late messages of an earlier run.
        Receive<Loaded>(_ => { });
        Receive<StreamEnded>(_ => { });
        Receive<BackfillMarked>(_ => { });
        Receive<StreamFailed>(_ => { });
        Receive<Restart>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The worker of <paramref name="slice"/> of <paramref name="definition"/>.</summary>
    public static Props Props(ProjectionDefinition definition, ProjectionDatabase database, ProjectionMonitor monitor, int slice)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(monitor);
        definition.TagOf(slice);
        return Akka.Actor.Props.Create(() => new ProjectionWorker(definition, database, monitor, slice));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _monitor.Register(_definition.Name, _slice);
        Load();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        _stopping.Cancel();
        _stopping.Dispose();
        _catchUpMaterializer.Dispose();
        _monitor.Stopped(_definition.Name, _slice);
    }

    // Every (re)start begins here: from what is stored, never from what this actor remembers.
    private void Load()
    {
        var run = ++_run;
        var offsets = _offsets;
        var (name, slice, ct) = (_definition.Name, _slice, _stopping.Token);
        LoadAsync().PipeTo(Self, success: l => l, failure: e => new StreamFailed(run, e));

        async Task<Loaded> LoadAsync()
        {
            await offsets.InitializeAsync(ct);
            return new Loaded(run, await offsets.LoadAsync(name, slice, ct), await offsets.IsBackfilledAsync(name, slice, ct));
        }
    }

    private void OnLoaded(Loaded loaded)
    {
        _monitor.Started(_definition.Name, _slice, loaded.Offset, backfilling: !loaded.Backfilled);
        if (loaded.Backfilled)
        {
            _log.Info("Projection {0} slice {1}: reading tag {2} after offset {3}", _definition.Name, _slice, _tag, loaded.Offset);
            var events = ((IEventsByTagQuery)_journal).EventsByTag(_tag, Offset.Sequence(loaded.Offset));
            Run(events, loaded.Run, backfill: false);
        }
        else
        {
            _log.Info("Projection {0} slice {1}: backfill started", _definition.Name, _slice);
            _backfill = new BackfillProgress();
            Run(BackfillSource(_backfill), loaded.Run, backfill: true);
        }
    }

    private void Run(Source<EventEnvelope, NotUsed> events, int run, bool backfill)
    {
        var runner = _runner;
        var ct = _stopping.Token;
        _killSwitch = events
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .GroupedWithin(_definition.BatchSize, _definition.BatchDelay)
            .SelectAsync(1, batch => runner.RunAsync([.. batch], backfill, ct))
            .ToMaterialized(Sink.ActorRef<BatchDone>(Self, new StreamEnded(run, backfill), e => new StreamFailed(run, e)), Keep.Left)
            .Run(_materializer);
    }

    // Events written before tagging have no tag: read every persistence id of this slice from sequence
    // number 0. Memory stays bounded (the streams pull); BackfillParallelism ids are read at once.
    private Source<EventEnvelope, NotUsed> BackfillSource(BackfillProgress progress)
    {
        var journal = _journal;
        var definition = _definition;
        var slice = _slice;
        return ((ICurrentPersistenceIdsQuery)journal).CurrentPersistenceIds()
            .Where(id => definition.InSlice(id, slice))
            .Select(id => { progress.PersistenceId(); return id; })
            .MergeMany(definition.BackfillParallelism, id => ((ICurrentEventsByPersistenceIdQuery)journal).CurrentEventsByPersistenceId(id, 0, long.MaxValue))
            .Select(e => { progress.Event(); return e; });
    }

    private void OnBatchDone(BatchDone done)
    {
        _failures = 0;
        _monitor.BatchHandled(_definition.Name, _slice, done.Events, done.StoredOffset);
    }

    private void OnStreamEnded(StreamEnded ended)
    {
        _killSwitch = null;
        if (!ended.Backfill)
        {
            // EventsByTag is endless: if it completes, something stopped it under us.
            OnFailed(new StreamFailed(ended.Run, new InvalidOperationException("The EventsByTag stream completed.")));
            return;
        }

        var progress = _backfill;
        _log.Info("Projection {0} slice {1}: backfill done: {2} persistence ids, {3} events in {4:0.0} s",
            _definition.Name, _slice, progress?.PersistenceIds, progress?.Events, progress?.Elapsed.TotalSeconds);
        _backfill = null;
        _monitor.BackfillDone(_definition.Name, _slice);

        var run = ended.Run;
        _offsets.MarkBackfilledAsync(_definition.Name, _slice, _stopping.Token)
            .PipeTo(Self, success: () => new BackfillMarked(run), failure: e => new StreamFailed(run, e));
    }

    private void OnFailed(StreamFailed failed)
    {
        _killSwitch?.Shutdown();
        _killSwitch = null;
        _backfill = null;
        _failures++;
        var delay = Backoff(_failures);
        _monitor.Failed(_definition.Name, _slice, failed.Error);
        _log.Error(failed.Error, "Projection {0} slice {1} failed ({2} in a row); restarting from the stored offset in {3:0.0} s",
            _definition.Name, _slice, _failures, delay.TotalSeconds);
        Timers.StartSingleTimer("restart", new Restart(failed.Run), delay);
    }

    // min × 2^(n-1), capped at max, plus up to 20 % jitter so that slices failing together do not retry in step.
    private TimeSpan Backoff(int failures)
    {
        var min = _definition.MinBackoff.TotalMilliseconds;
        var max = Math.Max(min, _definition.MaxBackoff.TotalMilliseconds);
        var delay = Math.Min(max, min * Math.Pow(2, Math.Min(failures - 1, 30)));
        return TimeSpan.FromMilliseconds(delay * (1 + (0.2 * Random.Shared.NextDouble())));
    }

    // Counted from stream threads, read by the actor once the stream has ended.
    private sealed class BackfillProgress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _ids;
        private long _events;

        public long PersistenceIds => Interlocked.Read(ref _ids);

        public long Events => Interlocked.Read(ref _events);

        public TimeSpan Elapsed => _clock.Elapsed;

        public void PersistenceId() => Interlocked.Increment(ref _ids);

        public void Event() => Interlocked.Increment(ref _events);
    }
}
