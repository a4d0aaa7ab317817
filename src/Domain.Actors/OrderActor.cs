using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Domain.Telemetry;

namespace ActorOrders.Domain;

/// <summary>
/// One order: a persistent actor that recovers its state, decides with
/// <see cref="OrderDecisions"/>, persists, folds with <see cref="OrderState.Apply"/>, replies,
/// and drives the saga through one <see cref="SagaStepActor"/> child at a time.
/// After recovery it resumes the pending step (re-sending its request, re-arming its timeout).
/// A finished (or never placed) order passivates after <see cref="SagaSettings.PassivateAfter"/>.
/// </summary>
public sealed class OrderActor : ReceivePersistentActor
{
    /// <summary>Prefix of every order's persistence id.</summary>
    public const string PersistenceIdPrefix = "order-";

    private readonly string _orderId;
    private readonly ParticipantRefs _participants;
    private readonly SagaSettings _settings;
    private readonly TimeProvider _clock;
    private readonly IOrderViewPublisher _views;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private OrderView? _published;
    private OrderState _state = OrderState.Empty;
    private (ParticipantAction Action, IActorRef Child, long StartedAt, Activity? Span)? _step;
    private int _stepCount;

    public OrderActor(string orderId, ParticipantRefs participants, SagaSettings settings, TimeProvider clock, IOrderViewPublisher views)
    {
        _orderId = orderId;
        _participants = participants;
        _settings = settings;
        _clock = clock;
        _views = views;
        PersistenceId = PersistenceIdPrefix + orderId;

        Recover<SnapshotOffer>(offer => _state = offer.Snapshot as OrderState
            ?? throw new InvalidOperationException($"Order {orderId}: the snapshot is a {offer.Snapshot?.GetType().Name ?? "null"}, not an OrderState."));
        Recover<IOrderEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<PlaceOrder>(OnPlace);
        Command<CancelOrder>(cmd => Traced("order cancel", OrderDecisions.Cancel(_state, cmd, Now), by: null));
        Command<RetryOrder>(cmd => Traced("order retry", OrderDecisions.Retry(_state, cmd, Now), by: null));
        Command<ManualRetry>(cmd => Traced("order retry", OrderDecisions.Retry(_state, cmd, Now), cmd.By));
        Command<ForceCompensation>(cmd => Traced("order compensate", OrderDecisions.ForceCompensation(_state, cmd, Now), cmd.By));
        Command<GetOrder>(_ => Sender.Tell(_state.Exists ? View() : new OrderNotFound(_orderId)));
        Command<StepOutcome>(OnStepOutcome);
        Command<AttemptFailed>(OnAttemptFailed);
        Command<ParticipantReply>(OnParticipantReply);
        Command<ReceiveTimeout>(_ => Passivate());
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Order {0}: snapshot at {1} failed", _orderId, f.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Order {0}: deleting old snapshots failed", _orderId));
    }

    public override string PersistenceId { get; }

    /// <summary>Props of the order entity with the given id; <paramref name="views"/> receives its view after every stored event.</summary>
    public static Props Props(
        string orderId, ParticipantRefs participants, SagaSettings settings, TimeProvider? clock = null, IOrderViewPublisher? views = null) =>
        FactoryProducer<OrderActor>.Props(() =>
            new OrderActor(orderId, participants, settings, clock ?? TimeProvider.System, views ?? NoViewPublisher.Instance));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private void OnPlace(PlaceOrder cmd)
    {
        var span = OrderTracing.Start("order place", ActivityKind.Internal, cmd.TraceParent, _orderId);
        var traced = cmd with { TraceParent = OrderTracing.ContextOf(span, cmd.TraceParent) };
        Handle(OrderDecisions.Place(_state, traced, Now), () => OrderTracing.End(span));
    }

    // A command after the placement is a span of the order's own trace (the placement's context is in the
    // state), so that one trace shows everything that happened to the order, compensations included.
    private void Traced(string name, CommandDecision decision, string? by)
    {
        var span = OrderTracing.Start(name, ActivityKind.Internal, _state.TraceParent, _orderId);
        if (span is not null)
        {
            if (by is not null) span.SetTag("command.by", by);
            if (decision is Refuse refuse) span.SetTag("command.refused", refuse.Code.ToString());
            span.SetTag("order.status", _state.Status.ToString());
        }

        Handle(decision, () => OrderTracing.End(span));
    }

    private void Handle(CommandDecision decision, Action? done = null)
    {
        var sender = Sender;
        switch (decision)
        {
            case Refuse refuse:
                sender.Tell(new OrderCommandRejected(_orderId, refuse.Code, refuse.Message));
                done?.Invoke();
                break;
            case Accept accept:
                PersistThen(accept.Events, () =>
                {
                    done?.Invoke();
                    sender.Tell(new OrderAccepted(_orderId, _state.Status, accept.Created));
                    if (accept.Events.Count > 0) Drive();
                });
                break;
        }
    }

    private void OnStepOutcome(StepOutcome outcome)
    {
        if (_step is not { } step || !step.Child.Equals(Sender) || step.Action != outcome.Action)
        {
            _log.Info("Order {0}: ignoring outcome of {1} from a step that is no longer current", _orderId, outcome.Action);
            return;
        }

        _step = null;
        OrderMetrics.StepEnded(outcome.Action, outcome.Result.ToString(), Stopwatch.GetElapsedTime(step.StartedAt), outcome.Attempts);
        step.Span?.SetTag("step.result", outcome.Result.ToString());
        step.Span?.SetTag("step.attempts", outcome.Attempts);
        OrderTracing.End(step.Span, outcome.Result == StepResult.Exhausted ? ActivityStatusCode.Error : ActivityStatusCode.Unset, outcome.Reason);
        PersistThen(OrderDecisions.OnOutcome(_state, outcome, Now), Drive);
    }

    // The order stores where the budget stands; only then may the step send its next attempt.
    private void OnAttemptFailed(AttemptFailed failed)
    {
        if (_step is not { } step || !step.Child.Equals(Sender) || step.Action != failed.Action) return;
        var child = step.Child;
        PersistThen(OrderDecisions.OnAttemptFailed(_state, failed, Now), () => child.Tell(new AttemptRecorded(failed.Attempt)));
    }

    private void OnParticipantReply(ParticipantReply reply)
    {
        if (_step is { } step && step.Action == reply.Action)
        {
            step.Child.Forward(reply);
            return;
        }

        _log.Info("Order {0}: reply {1} to {2} is not awaited (status {3}); ignored", _orderId, reply.RequestId, reply.Action, _state.Status);
        Sender.Tell(new ParticipantReplyAck(_orderId, reply.RequestId, Applied: false));
    }

    // Remember-entities restarts every order that had not passivated yet when the node stopped,
    // finished ones included: those only need to answer what may be waiting and go away again.
    private void OnRecovered()
    {
        OrderMetrics.Recovered(!_state.Exists ? "empty" : _state.IsTerminal ? "finished" : "running");
        Publish();
        Drive();
        if (!_state.Exists || _state.IsTerminal) SetReceiveTimeout(RecoveredIdle);
    }

    private TimeSpan RecoveredIdle => _settings.PassivateAfter < TimeSpan.FromSeconds(1) ? _settings.PassivateAfter : TimeSpan.FromSeconds(1);

    /// <summary>Starts, keeps or stops the step child so that it matches what the state needs next.</summary>
    private void Drive()
    {
        switch (OrderDecisions.Next(_state, Now))
        {
            case RunStep run when _step?.Action == run.Action:
                break;
            case RunStep run:
                StopStep();
                var policy = run.Action.IsCompensation() ? _settings.Compensations : _settings.Steps;
                var budget = new StepBudget(_state.StepAttempt, _state.StepAttemptAt);
                var span = OrderTracing.Start($"order step {run.Action}", ActivityKind.Internal, _state.TraceParent, _orderId);
                span?.SetTag("step.action", run.Action.ToString());
                var props = SagaStepActor.Props(_orderId, run.Action, Summary(), _participants.For(run.Action), policy, budget, _clock,
                    OrderTracing.ContextOf(span, _state.TraceParent));
                _step = (run.Action, Context.ActorOf(props, $"{run.Action}-{++_stepCount}"), Stopwatch.GetTimestamp(), span);
                SetReceiveTimeout(null);
                break;
            case PersistEvents persist:
                StopStep();
                PersistThen(persist.Events, Drive);
                break;
            default:
                StopStep();
                if (!_state.Exists || _state.IsTerminal) SetReceiveTimeout(_settings.PassivateAfter);
                break;
        }
    }

    private void StopStep()
    {
        if (_step is { } step)
        {
            Context.Stop(step.Child);
            OrderTracing.End(step.Span, ActivityStatusCode.Unset, "stopped");
        }

        _step = null;
    }

    private void PersistThen(IReadOnlyList<IOrderEvent> events, Action after)
    {
        if (events.Count == 0)
        {
            after();
            return;
        }

        var remaining = events.Count;
        var started = Stopwatch.GetTimestamp();
        PersistAll(events, e =>
        {
            var wasTerminal = _state.IsTerminal;
            _state = _state.Apply(e);
            Count(e);
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            if (!wasTerminal && _state.IsTerminal)
                Context.System.EventStream.Publish(new OrderFinished(_orderId, _state.Status, _state.PlacedAt, _state.UpdatedAt));
            if (--remaining == 0)
            {
                OrderMetrics.Persisted(events.Count, Stopwatch.GetElapsedTime(started));
                Publish();
                after();
            }
        });
    }

    // What a stored event means for the meter (only live writes: recovery replays are not counted).
    private void Count(IOrderEvent e)
    {
        switch (e)
        {
            case OrderPlaced:
                OrderMetrics.OrderPlaced();
                break;
            case StepAttemptFailed failed:
                OrderMetrics.Retry(failed.Action);
                break;
            case StepTimedOut timedOut:
                OrderMetrics.StepExhausted(timedOut.Action);
                break;
            case CompensationStalled stalled:
                OrderMetrics.StepExhausted(stalled.Action);
                OrderMetrics.Compensation(stalled.Action, succeeded: false);
                OrderMetrics.AttentionRequired();
                break;
            case PaymentRefunded:
                OrderMetrics.Compensation(ParticipantAction.RefundPayment, succeeded: true);
                break;
            case InventoryReleased:
                OrderMetrics.Compensation(ParticipantAction.ReleaseInventory, succeeded: true);
                break;
            case ShipmentCancelled:
                OrderMetrics.Compensation(ParticipantAction.CancelShipment, succeeded: true);
                break;
            case OrderCompleted or OrderCancelled or OrderRejected:
                OrderMetrics.OrderFinished(_state.Status);
                break;
        }
    }

    private void Publish()
    {
        if (!_state.Exists) return;
        _published = View();
        _views.Publish(_published);
    }

    protected override void PostStop()
    {
        if (_step is { } step) OrderTracing.End(step.Span, ActivityStatusCode.Unset, "order stopped");
        if (_published is not null) _views.Remove(_published);
        base.PostStop();
    }

    private void Passivate()
    {
        if (_step is not null) return;
        SetReceiveTimeout(null);
        Context.Parent.Tell(new Passivate(PoisonPill.Instance));
    }

    private OrderSummary Summary() =>
        new(_state.CustomerId, _state.Currency, _state.Total, _state.Lines, _state.ShippingAddress);

    private OrderView View() => OrderViews.Of(_state, LastSequenceNr);
}
