using Akka.Actor;
using Akka.Event;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Domain.Saga;

/// <summary>
/// One execution of one saga step: sends the request, owns the per-attempt timeout and the
/// retries (exponential backoff with jitter), and reports a single <see cref="StepOutcome"/>
/// to its parent order, then stops. Each failed attempt is reported first (<see cref="AttemptFailed"/>)
/// so the order stores it: a step restarted after a crash continues from its <see cref="StepBudget"/>.
/// </summary>
/// <remarks>
/// <code>
/// start(budget: attempt n at t) ─ t in the future ─► Backoff(n) ─timer─► Sending(n)
///                               ─ t + timeout passed ─► attempt n failed (timed out while not running)
///                               ─ otherwise ─► Sending(n), timeout = what is left of t + timeout
/// Sending(n) ─reply Succeeded──────────────► report Succeeded, stop
///            ─reply Refused (forward step)─► report Refused, stop
///            ─reply Refused (compensation) | TransientFailure | timeout─►
///                 n &lt; max ? report AttemptFailed(n, retry at) ─AttemptRecorded(n)─► Backoff(n+1) : report Exhausted, stop
/// </code>
/// The next attempt waits for <see cref="AttemptRecorded"/>: the order has stored the failure, so a crash after the
/// next request went out can never make the recovered order send that attempt again.
/// Request ids are <c>{idempotency key}#{execution}.{attempt}</c>. A reply to any attempt of this
/// execution is accepted (they share the idempotency key, so they describe the same effect);
/// replies to other executions (before a crash, before a cancel, before RetryOrder) are
/// acknowledged and ignored.
/// </remarks>
public sealed class SagaStepActor : ReceiveActor, IWithTimers
{
    private const string TimeoutKey = "attempt-timeout";
    private const string RetryKey = "retry";
    private (int Attempt, DateTimeOffset RetryAt)? _recordedRetry;

    private readonly string _orderId;
    private readonly ParticipantAction _action;
    private readonly OrderSummary _order;
    private readonly IActorRef _participant;
    private readonly RetryPolicy _policy;
    private readonly StepBudget _budget;
    private readonly TimeProvider _clock;
    private readonly string? _traceParent;
    private readonly string _key;
    private readonly string _execution = Guid.NewGuid().ToString("N")[..10];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _attempt;
    private string _lastFailure = "no answer";

    public SagaStepActor(
        string orderId, ParticipantAction action, OrderSummary order, IActorRef participant, RetryPolicy policy, StepBudget budget, TimeProvider clock,
        string? traceParent = null)
    {
        _traceParent = traceParent;
        _orderId = orderId;
        _action = action;
        _order = order;
        _participant = participant;
        _policy = policy;
        _budget = budget;
        _clock = clock;
        _key = ParticipantActions.IdempotencyKey(orderId, action);

        Receive<ParticipantReply>(OnReply);
        Receive<AttemptTimedOut>(t => t.Attempt == _attempt, t =>
        {
            Telemetry.OrderMetrics.AttemptTimedOut(_action);
            Failed(t.Attempt, $"no answer within {_policy.Timeout.TotalMilliseconds:0} ms");
        });
        Receive<AttemptTimedOut>(_ => { });
        Receive<SendAttempt>(s => Send(s.Attempt, _policy.Timeout));
        Receive<AttemptRecorded>(OnAttemptRecorded);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of a step for an order, starting where its budget stands; <paramref name="traceParent"/> goes with every request.</summary>
    public static Props Props(
        string orderId, ParticipantAction action, OrderSummary order, IActorRef participant, RetryPolicy policy, StepBudget budget, TimeProvider clock,
        string? traceParent = null) =>
        FactoryProducer<SagaStepActor>.Props(() => new SagaStepActor(orderId, action, order, participant, policy, budget, clock, traceParent));

    protected override void PreStart()
    {
        _attempt = _budget.Attempt;
        var now = _clock.GetUtcNow();
        if (_budget.AttemptAt > now)
        {
            // Resumed in the backoff before this attempt.
            Timers.StartSingleTimer(RetryKey, new SendAttempt(_attempt), _budget.AttemptAt - now);
            return;
        }

        var left = _budget.AttemptAt + _policy.Timeout - now;
        if (left <= TimeSpan.Zero)
        {
            // The attempt's time ran out while the order was not running (a crash or a stop).
            Failed(_attempt, $"no answer within {_policy.Timeout.TotalMilliseconds:0} ms (timed out while the order was down)");
            return;
        }

        Send(_attempt, left);
    }

    private void Send(int attempt, TimeSpan timeout)
    {
        _attempt = attempt;
        // The timer is armed before the request leaves, so whoever sees the request may rely on it.
        Timers.StartSingleTimer(TimeoutKey, new AttemptTimedOut(attempt), timeout);
        var request = new ParticipantRequest(_orderId, _action, _key, $"{_key}#{_execution}.{attempt}", attempt, _order, _traceParent);
        _participant.Tell(request, Self);
    }

    private void OnReply(ParticipantReply reply)
    {
        var mine = reply.Action == _action && reply.RequestId.StartsWith($"{_key}#{_execution}.", StringComparison.Ordinal);
        if (!mine)
        {
            _log.Info("Order {0}: ignoring reply {1} to {2}, not awaited by this execution of {3}", _orderId, reply.RequestId, reply.Action, _action);
            Sender.Tell(new ParticipantReplyAck(_orderId, reply.RequestId, Applied: false));
            return;
        }

        Sender.Tell(new ParticipantReplyAck(_orderId, reply.RequestId, Applied: true));
        switch (reply.Outcome)
        {
            case ParticipantOutcome.Succeeded:
                Report(StepResult.Succeeded, reply.Reference, reply.Reason);
                break;
            case ParticipantOutcome.Refused when !_action.IsCompensation():
                Report(StepResult.Refused, reply.Reference, reply.Reason ?? "refused");
                break;
            default:
                Failed(_attempt, reply.Reason ?? reply.Outcome.ToString());
                break;
        }
    }

    private void Failed(int attempt, string why)
    {
        Timers.Cancel(TimeoutKey);
        _lastFailure = why;
        if (attempt >= _policy.MaxAttempts)
        {
            Report(StepResult.Exhausted, null, $"{_lastFailure} (after {attempt} attempts)");
            return;
        }

        var delay = _policy.BackoffBefore(attempt + 1, Random.Shared);
        _log.Warning("Order {0}: {1} attempt {2} failed ({3}); retrying in {4} ms", _orderId, _action, attempt, why, (int)delay.TotalMilliseconds);
        // The next attempt waits until the order has stored this failure: sent before and the node dies, the order
        // would recover without it and send that attempt a second time, past its budget.
        var retryAt = _clock.GetUtcNow() + delay;
        _recordedRetry = (attempt, retryAt);
        Context.Parent.Tell(new AttemptFailed(_action, attempt, why, retryAt));
    }

    private void OnAttemptRecorded(AttemptRecorded recorded)
    {
        if (_recordedRetry is not { } retry || retry.Attempt != recorded.Attempt) return;
        _recordedRetry = null;
        var wait = retry.RetryAt - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero) Timers.StartSingleTimer(RetryKey, new SendAttempt(retry.Attempt + 1), wait);
        else Self.Tell(new SendAttempt(retry.Attempt + 1));
    }

    private void Report(StepResult result, string? reference, string? reason)
    {
        Timers.CancelAll();
        Context.Parent.Tell(new StepOutcome(_action, result, reference, reason, _attempt));
        Context.Stop(Self);
        Become(Finished);
    }

    private void Finished()
    {
        Receive<ParticipantReply>(r => Sender.Tell(new ParticipantReplyAck(_orderId, r.RequestId, Applied: false)));
        ReceiveAny(_ => { });
    }

    private sealed record AttemptTimedOut(int Attempt);

    private sealed record SendAttempt(int Attempt);
}
