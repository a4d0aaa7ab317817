using Akka.Actor;
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
/// recovering orders never floods the shards; a sweep starts only after the previous one ended.
/// What the read model has not seen yet (an order placed a moment before a crash) is woken by a
/// later sweep, once the projection has caught up.
/// </remarks>
public sealed class OrderResumer : ReceiveActor, IWithTimers
{
    private readonly OrderReadModel _readModel;
    private readonly IActorRef _orders;
    private readonly ResumerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private bool _waitLogged;

    public OrderResumer(OrderReadModel readModel, IActorRef orders, ResumerSettings settings)
    {
        _readModel = readModel;
        _orders = orders;
        _settings = settings;

        Receive<Sweep>(_ =>
        {
            if (_settings.Ready is { } ready && !ready())
            {
                if (!_waitLogged) _log.Info("Resumer: waiting until the node can hear its participants' replies before waking the orders in flight");
                _waitLogged = true;
                Next();
                return;
            }

            SweepAsync().PipeTo(Self, success: r => r, failure: e => new SweepFailed(e));
        });
        Receive<Swept>(s =>
        {
            if (s.Woken > 0 || s.TimedOut > 0) _log.Debug("Resumer: {0} orders in flight asked, {1} did not answer in time", s.Woken, s.TimedOut);
            Next();
        });
        Receive<SweepFailed>(f =>
        {
            _log.Warning("Resumer: could not read the orders in flight: {0}", f.Error.Message);
            Next();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the resumer.</summary>
    public static Props Props(OrderReadModel readModel, IActorRef orders, ResumerSettings settings) =>
        Akka.Actor.Props.Create(() => new OrderResumer(readModel, orders, settings));

    protected override void PreStart() => Self.Tell(Sweep.Instance);

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private void Next() => Timers.StartSingleTimer("sweep", Sweep.Instance, _settings.Interval);

    private async Task<Swept> SweepAsync()
    {
        var ids = await _readModel.InFlightAsync(_stopping.Token);
        var timedOut = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = _settings.Parallelism, CancellationToken = _stopping.Token }, async (id, ct) =>
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
        return new Swept(ids.Count, timedOut);
    }

    private sealed record Sweep
    {
        public static readonly Sweep Instance = new();
    }

    private sealed record Swept(int Woken, int TimedOut);

    private sealed record SweepFailed(Exception Error);
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
public sealed record ResumerSettings(TimeSpan Interval, int Parallelism, TimeSpan AskTimeout, Func<bool>? Ready = null);
