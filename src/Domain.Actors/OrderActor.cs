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
    private (ParticipantAction Action, IActorRef Child)? _step;
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

        Command<PlaceOrder>(cmd => Handle(OrderDecisions.Place(_state, cmd, Now)));
        Command<CancelOrder>(cmd => Handle(OrderDecisions.Cancel(_state, cmd, Now)));
        Command<RetryOrder>(cmd => Handle(OrderDecisions.Retry(_state, cmd, Now)));
        Command<ManualRetry>(cmd => Handle(OrderDecisions.Retry(_state, cmd, Now)));
        Command<ForceCompensation>(cmd => Handle(OrderDecisions.ForceCompensation(_state, cmd, Now)));
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

    private void Handle(CommandDecision decision)
    {
        var sender = Sender;
        switch (decision)
        {
            case Refuse refuse:
                sender.Tell(new OrderCommandRejected(_orderId, refuse.Code, refuse.Message));
                break;
            case Accept accept:
                PersistThen(accept.Events, () =>
                {
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
        PersistThen(OrderDecisions.OnOutcome(_state, outcome, Now), Drive);
    }

    // The step goes on by itself (its retry timer runs); the order only stores where the budget stands.
    private void OnAttemptFailed(AttemptFailed failed)
    {
        if (_step is not { } step || !step.Child.Equals(Sender) || step.Action != failed.Action) return;
        PersistThen(OrderDecisions.OnAttemptFailed(_state, failed, Now), () => { });
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
                var props = SagaStepActor.Props(_orderId, run.Action, Summary(), _participants.For(run.Action), policy, budget, _clock);
                _step = (run.Action, Context.ActorOf(props, $"{run.Action}-{++_stepCount}"));
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
        if (_step is { } step) Context.Stop(step.Child);
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
        PersistAll(events, e =>
        {
            var wasTerminal = _state.IsTerminal;
            _state = _state.Apply(e);
            if (_settings.SnapshotEvery > 0 && LastSequenceNr % _settings.SnapshotEvery == 0) SaveSnapshot(_state);
            if (!wasTerminal && _state.IsTerminal)
                Context.System.EventStream.Publish(new OrderFinished(_orderId, _state.Status, _state.PlacedAt, _state.UpdatedAt));
            if (--remaining == 0)
            {
                Publish();
                after();
            }
        });
    }

    private void Publish()
    {
        if (!_state.Exists) return;
        _published = View();
        _views.Publish(_published);
    }

    protected override void PostStop()
    {
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
