using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using ActorOrders.Contracts;
using ActorOrders.ReadSide.ReadModel;

namespace ActorOrders.ReadSide.Resumption;

/// <summary>
/// Wakes every order the read model shows in flight, every interval, so that a saga whose node
/// stopped or died goes on by itself: its entity starts on another node (or this one, restarted),
/// recovers, and continues the pending step with what is left of its budget. Orders already
/// running merely answer. Run one per cluster (a singleton on role node).
/// </summary>
/// <remarks>
/// The ping is a <see cref="GetOrder"/>, asked with bounded parallelism so that a large backlog of
/// recovering orders never floods the shards; a sweep starts only after the previous one ended, or shortly after
/// a member is removed from the cluster (<see cref="ResumerSettings.AfterRemoval"/>): the sweep then running may be waiting out the asks it sent to the dead
/// member's entities (lost while it was unreachable), so it is dropped and a new one asks again. Those asks wait in
/// the shard regions until the dead member's shards have a new home, and each entity starts as soon as its shard
/// does — no waiting for the next interval. What the read model has not seen yet (an order placed a moment before
/// a crash) is woken by a later sweep, once the projection has caught up.
/// </remarks>
public sealed class OrderResumer : ReceiveActor, IWithTimers
{
    private readonly OrderReadModel _readModel;
    private readonly IActorRef _orders;
    private readonly ResumerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _sweep;
    private long _generation;
    private bool _waitLogged;
    private bool _subscribed;
    private DateTimeOffset _catchUpUntil;

    public OrderResumer(OrderReadModel readModel, IActorRef orders, ResumerSettings settings)
    {
        _readModel = readModel;
        _orders = orders;
        _settings = settings;

        Receive<Sweep>(_ => Start());
        Receive<ClusterEvent.MemberRemoved>(removed =>
        {
            // Not at once: the regions of this node learn of the removal by their own death watch, a moment later;
            // an ask sent before that goes to the dead region and is lost. Sent a little later, it waits in the region
            // until the shard has a new home, which the coordinator gives only after the removal margin anyway.
            _log.Info("Resumer: {0} was removed from the cluster; waking the orders in flight in {1}", removed.Member.Address, _settings.AfterRemoval);
            Timers.StartSingleTimer("removed", WakeNow.Instance, _settings.AfterRemoval);
            CatchUp();
        });
        Receive<WakeNow>(_ => Start());
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<Swept>(s =>
        {
            if (s.Generation != _generation) return;
            if (s.Woken > 0 || s.TimedOut > 0) _log.Debug("Resumer: {0} orders in flight asked, {1} did not answer in time", s.Woken, s.TimedOut);
            Next();
        });
        Receive<SweepFailed>(f =>
        {
            if (f.Generation != _generation) return;
            _log.Warning("Resumer: could not read the orders in flight: {0}", f.Error.Message);
            Next();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the resumer.</summary>
    public static Props Props(OrderReadModel readModel, IActorRef orders, ResumerSettings settings) =>
        Akka.Actor.Props.Create(() => new OrderResumer(readModel, orders, settings));

    protected override void PreStart()
    {
        // Outside a cluster (an actor-logic test's plain system) there is no member to lose.
        if (Context.System is ExtendedActorSystem { Provider: IClusterActorRefProvider })
        {
            Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
            _subscribed = true;
        }

        // A resumer starts when the cluster does, or on a new oldest node after the last one left or died: catch up.
        CatchUp();
        Self.Tell(Sweep.Instance);
    }

    protected override void PostStop()
    {
        if (_subscribed) Cluster.Get(Context.System).Unsubscribe(Self);
        _stopping.Cancel();
        _sweep?.Dispose();
        _stopping.Dispose();
    }

    // Starts a sweep now, dropping the one under way (its late answer is ignored by generation).
    private void Start()
    {
        Timers.Cancel("sweep");
        if (_settings.Ready is { } ready && !ready())
        {
            if (!_waitLogged) _log.Info("Resumer: waiting until the node can hear its participants' replies before waking the orders in flight");
            _waitLogged = true;
            Next();
            return;
        }

        _sweep?.Cancel();
        _sweep?.Dispose();
        _sweep = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var generation = ++_generation;
        SweepAsync(generation, _sweep.Token).PipeTo(Self, success: r => r, failure: e => new SweepFailed(generation, e));
    }

    // The orders a dead member placed a moment before it died reach the read model only once its projection slices
    // run elsewhere, shortly after its shards do: for a while after a removal the sweeps follow each other closely.
    private void CatchUp() => _catchUpUntil = Context.System.Scheduler.Now + _settings.CatchUpWindow;

    private void Next()
    {
        var interval = Context.System.Scheduler.Now < _catchUpUntil && _settings.AfterRemoval < _settings.Interval ? _settings.AfterRemoval : _settings.Interval;
        Timers.StartSingleTimer("sweep", Sweep.Instance, interval);
    }

    private async Task<Swept> SweepAsync(long generation, CancellationToken token)
    {
        var ids = await _readModel.InFlightAsync(token);
        var timedOut = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = _settings.Parallelism, CancellationToken = token }, async (id, ct) =>
        {
            try
            {
                await _orders.Ask<object>(new GetOrder(id), _settings.AskTimeout, ct);
            }
            catch (AskTimeoutException)
            {
                Interlocked.Increment(ref timedOut);
            }
        });
        return new Swept(generation, ids.Count, timedOut);
    }

    /// <summary>Starts a sweep now, as a member's removal does, dropping the one under way.</summary>
    public sealed record WakeNow
    {
        /// <summary>The message.</summary>
        public static readonly WakeNow Instance = new();
    }

    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }

    private sealed record Swept(long Generation, int Woken, int TimedOut);

    private sealed record SweepFailed(long Generation, Exception Error);
}

/// <summary>How the resumer sweeps.</summary>
/// <param name="Interval">Pause between the end of one sweep and the start of the next.</param>
/// <param name="Parallelism">Orders asked at once.</param>
/// <param name="AskTimeout">How long one order may take to recover and answer.</param>
/// <param name="Ready">
/// When given, a sweep waits until it returns true: e.g. until the node's reply consumers joined their groups, since an
/// order woken before would spend its steps' attempts on replies nobody reads yet (after a crash, a consumer group
/// gives the dead member's partitions away only once its session timed out).
/// </param>
/// <param name="AfterRemovalDelay">
/// How long after a member's removal the resumer wakes the orders in flight: long enough for the regions to have
/// seen the removal, shorter than the removal margin (before which no shard of the dead member has a new home).
/// </param>
/// <param name="CatchUp">
/// For how long after a member's removal (and after the resumer starts) the sweeps follow each other every
/// <see cref="AfterRemoval"/> instead of every <paramref name="Interval"/>: what the dead member wrote just before it
/// died reaches the read model only once its projection slices run elsewhere.
/// </param>
public sealed record ResumerSettings(
    TimeSpan Interval, int Parallelism, TimeSpan AskTimeout, Func<bool>? Ready = null, TimeSpan? AfterRemovalDelay = null, TimeSpan? CatchUp = null)
{
    /// <summary><see cref="AfterRemovalDelay"/>, 500 ms when not given.</summary>
    public TimeSpan AfterRemoval => AfterRemovalDelay ?? TimeSpan.FromMilliseconds(500);

    /// <summary><see cref="CatchUp"/>, 10 s when not given.</summary>
    public TimeSpan CatchUpWindow => CatchUp ?? TimeSpan.FromSeconds(10);
}
