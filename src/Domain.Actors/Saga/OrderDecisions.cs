using ActorOrders.Domain.Participants;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Saga;

/// <summary>The answer of a decision to a command.</summary>
public abstract record CommandDecision;

/// <summary>Accept the command; persist these events (possibly none, for a repeat) and answer OrderAccepted.</summary>
public sealed record Accept(IReadOnlyList<IOrderEvent> Events, bool Created) : CommandDecision;

/// <summary>Refuse the command; nothing is stored.</summary>
public sealed record Refuse(RejectionCode Code, string Message) : CommandDecision;

/// <summary>What the saga does next in a given state.</summary>
public abstract record SagaNext
{
    /// <summary>Nothing to drive: not placed, terminal, or waiting for a person.</summary>
    public static readonly SagaNext Wait = new WaitForCommand();

    private sealed record WaitForCommand : SagaNext;
}

/// <summary>Run this participant action as a child step.</summary>
public sealed record RunStep(ParticipantAction Action) : SagaNext;

/// <summary>Persist these events (a terminal fact that follows from the state).</summary>
public sealed record PersistEvents(IReadOnlyList<IOrderEvent> Events) : SagaNext;

/// <summary>
/// Pure decisions of the order saga: given a state and an input, which events follow.
/// The actor persists what these return, folds it with <see cref="OrderState.Apply"/>,
/// then asks <see cref="Next"/> what to drive.
/// </summary>
public static class OrderDecisions
{
    /// <summary>Decides a PlaceOrder: create, repeat (same content) or conflict.</summary>
    public static CommandDecision Place(OrderState state, PlaceOrder cmd, DateTimeOffset now)
    {
        var fingerprint = Fingerprint(cmd);
        if (state.Exists)
        {
            return state.Fingerprint == fingerprint
                ? new Accept([], Created: false)
                : new Refuse(RejectionCode.Conflict, $"Order {cmd.OrderId} already exists with different content.");
        }

        var placed = new OrderPlaced(
            cmd.OrderId, cmd.CustomerId, cmd.Currency,
            [.. cmd.Lines.Select(l => new OrderLineData(l.Sku, l.Quantity, l.UnitPrice))],
            cmd.ShippingAddress.Line1, cmd.ShippingAddress.City, cmd.ShippingAddress.PostalCode, cmd.ShippingAddress.Country,
            cmd.Lines.Sum(l => l.Amount), fingerprint, now, cmd.TraceParent);
        return new Accept([placed], Created: true);
    }

    /// <summary>Decides a CancelOrder: accepted before shipment, refused after.</summary>
    public static CommandDecision Cancel(OrderState state, CancelOrder cmd, DateTimeOffset now) => state switch
    {
        { Exists: false } => new Refuse(RejectionCode.NotFound, $"Order {cmd.OrderId} does not exist."),
        { Status: OrderStatus.AwaitingPayment, PaymentFailure: not null } =>
            new Refuse(RejectionCode.TooLate, $"Order {cmd.OrderId} is being rejected: {state.PaymentFailure}"),
        { Status: OrderStatus.AwaitingShipment, TrackingReference: not null } =>
            new Refuse(RejectionCode.TooLate, $"Order {cmd.OrderId} has shipped."),
        { Status: OrderStatus.AwaitingPayment or OrderStatus.AwaitingInventory or OrderStatus.AwaitingShipment } =>
            new Accept([new CancellationRequested(cmd.OrderId, Reason(cmd), now)], Created: false),
        { Status: OrderStatus.Compensating or OrderStatus.AttentionRequired or OrderStatus.Cancelled } =>
            new Accept([], Created: false),
        { Status: OrderStatus.Completed } => new Refuse(RejectionCode.TooLate, $"Order {cmd.OrderId} has shipped and is completed."),
        _ => new Refuse(RejectionCode.TooLate, $"Order {cmd.OrderId} is {state.Status}."),
    };

    /// <summary>Decides a RetryOrder (the order API's, which identifies no one): only an order in AttentionRequired can be re-driven.</summary>
    public static CommandDecision Retry(OrderState state, RetryOrder cmd, DateTimeOffset now) => Retry(state, cmd.OrderId, by: null, now);

    /// <summary>Decides an operator's retry: as <see cref="Retry(OrderState, RetryOrder, DateTimeOffset)"/>, recording who asked.</summary>
    public static CommandDecision Retry(OrderState state, ManualRetry cmd, DateTimeOffset now) => Retry(state, cmd.OrderId, cmd.By, now);

    private static CommandDecision Retry(OrderState state, string orderId, string? by, DateTimeOffset now) => state switch
    {
        { Exists: false } => new Refuse(RejectionCode.NotFound, $"Order {orderId} does not exist."),
        { Status: OrderStatus.AttentionRequired } => new Accept([new OrderRetryRequested(orderId, by, now)], Created: false),
        _ => new Refuse(RejectionCode.InvalidState, $"Order {orderId} is {state.Status}; only AttentionRequired orders can be retried."),
    };

    /// <summary>
    /// Decides a forced compensation: an order that has not shipped — running forward, or in
    /// AttentionRequired — compensates whatever may have been done and ends Cancelled. One already
    /// compensating or cancelled is accepted with nothing stored; after shipment, while being
    /// rejected, and for a rejected order it is refused.
    /// </summary>
    public static CommandDecision ForceCompensation(OrderState state, ForceCompensation cmd, DateTimeOffset now)
    {
        var id = cmd.OrderId;
        return state switch
        {
            { Exists: false } => new Refuse(RejectionCode.NotFound, $"Order {id} does not exist."),
            { Status: OrderStatus.AwaitingPayment, PaymentFailure: not null } =>
                new Refuse(RejectionCode.TooLate, $"Order {id} is being rejected: {state.PaymentFailure}"),
            { Status: OrderStatus.AwaitingShipment, TrackingReference: not null } or { Status: OrderStatus.Completed } =>
                new Refuse(RejectionCode.TooLate, $"Order {id} has shipped; it can no longer be compensated."),
            { Status: OrderStatus.AwaitingPayment or OrderStatus.AwaitingInventory or OrderStatus.AwaitingShipment or OrderStatus.AttentionRequired } =>
                new Accept([new CompensationForced(id, ForcedReason(cmd), cmd.By, now)], Created: false),
            { Status: OrderStatus.Compensating or OrderStatus.Cancelled } => new Accept([], Created: false),
            _ => new Refuse(RejectionCode.InvalidState, $"Order {id} is {state.Status}; there is nothing to compensate."),
        };
    }

    private static string ForcedReason(ForceCompensation cmd) =>
        string.IsNullOrWhiteSpace(cmd.Reason) ? $"compensation forced by {cmd.By}" : cmd.Reason;

    /// <summary>What the saga drives in this state. Called after recovery and after every persist.</summary>
    public static SagaNext Next(OrderState state, DateTimeOffset now) => state switch
    {
        { Exists: false } => SagaNext.Wait,
        { Status: OrderStatus.AwaitingPayment, PaymentFailure: { } failure } =>
            new PersistEvents([new OrderRejected(state.OrderId, failure, now)]),
        { Status: OrderStatus.AwaitingPayment } => new RunStep(ParticipantAction.AuthorizePayment),
        { Status: OrderStatus.AwaitingInventory } => new RunStep(ParticipantAction.ReserveInventory),
        { Status: OrderStatus.AwaitingShipment, TrackingReference: not null } =>
            new PersistEvents([new OrderCompleted(state.OrderId, now)]),
        { Status: OrderStatus.AwaitingShipment } => new RunStep(ParticipantAction.ScheduleShipment),
        { Status: OrderStatus.Compensating, PendingCompensations.IsEmpty: true, PaymentFailure: { } paymentFailure } =>
            new PersistEvents([new OrderRejected(state.OrderId, paymentFailure, now)]),
        { Status: OrderStatus.Compensating, PendingCompensations.IsEmpty: true } =>
            new PersistEvents([new OrderCancelled(state.OrderId, state.Reason ?? "cancelled", now)]),
        { Status: OrderStatus.Compensating } => new RunStep(state.PendingCompensations[0]),
        _ => SagaNext.Wait,
    };

    /// <summary>
    /// The events that record a step's outcome, followed by the terminal event it leads to
    /// (if any), so that e.g. ShipmentScheduled and OrderCompleted are written in one go.
    /// </summary>
    public static IReadOnlyList<IOrderEvent> OnOutcome(OrderState state, StepOutcome outcome, DateTimeOffset now)
    {
        if (Next(state, now) is not RunStep { Action: var expected } || expected != outcome.Action)
        {
            throw new InvalidOperationException(
                $"Order {state.OrderId}: outcome of {outcome.Action} arrived while the saga is at {state.Status}.");
        }

        var fact = Fact(state, outcome, now);
        return Next(state.Apply(fact), now) is PersistEvents follow ? [fact, .. follow.Events] : [fact];
    }

    /// <summary>The event that records a failed attempt of the current step (the step itself goes on).</summary>
    public static IReadOnlyList<IOrderEvent> OnAttemptFailed(OrderState state, AttemptFailed failed, DateTimeOffset now)
    {
        if (Next(state, now) is not RunStep { Action: var expected } || expected != failed.Action || failed.Attempt != state.StepAttempt)
        {
            throw new InvalidOperationException(
                $"Order {state.OrderId}: attempt {failed.Attempt} of {failed.Action} failed while the saga is at {state.Status}, attempt {state.StepAttempt}.");
        }

        return [new StepAttemptFailed(state.OrderId, failed.Action, failed.Attempt, failed.Reason, failed.RetryAt, now)];
    }

    private static IOrderEvent Fact(OrderState state, StepOutcome o, DateTimeOffset now)
    {
        var id = state.OrderId;
        var reason = o.Reason ?? "no reason given";
        if (o.Action.IsCompensation())
        {
            return (o.Result, o.Action) switch
            {
                (StepResult.Succeeded, ParticipantAction.RefundPayment) => new PaymentRefunded(id, o.Reference, now),
                (StepResult.Succeeded, ParticipantAction.ReleaseInventory) => new InventoryReleased(id, now),
                (StepResult.Succeeded, ParticipantAction.CancelShipment) => new ShipmentCancelled(id, now),
                _ => new CompensationStalled(id, o.Action, o.Attempts, reason, now),
            };
        }

        return (o.Result, o.Action) switch
        {
            (StepResult.Exhausted, _) => new StepTimedOut(id, o.Action, o.Attempts, reason, now),
            (StepResult.Succeeded, ParticipantAction.AuthorizePayment) => new PaymentAuthorized(id, o.Reference ?? "", state.Total, now),
            (StepResult.Refused, ParticipantAction.AuthorizePayment) => new PaymentDeclined(id, reason, now),
            (StepResult.Succeeded, ParticipantAction.ReserveInventory) => new InventoryReserved(id, o.Reference ?? "", now),
            (StepResult.Refused, ParticipantAction.ReserveInventory) => new InventoryUnavailable(id, reason, now),
            (StepResult.Succeeded, ParticipantAction.ScheduleShipment) => new ShipmentScheduled(id, o.Reference ?? "", now),
            (StepResult.Refused, ParticipantAction.ScheduleShipment) => new ShipmentFailed(id, reason, now),
            _ => throw new InvalidOperationException($"Order {id}: unexpected outcome {o.Result} of {o.Action}."),
        };
    }

    private static string Reason(CancelOrder cmd) =>
        string.IsNullOrWhiteSpace(cmd.Reason) ? "cancelled on request" : cmd.Reason;

    /// <summary>A stable hash of an order's content; equal for the same order however it is formatted.</summary>
    public static string Fingerprint(PlaceOrder cmd)
    {
        var sb = new StringBuilder();
        sb.Append(cmd.CustomerId).Append('\u001f').Append(cmd.Currency.ToUpperInvariant()).Append('\u001e');
        foreach (var line in cmd.Lines)
        {
            sb.Append(line.Sku).Append('\u001f').Append(line.Quantity.ToString(CultureInfo.InvariantCulture))
              .Append('\u001f').Append(Normalize(line.UnitPrice)).Append('\u001e');
        }

        var a = cmd.ShippingAddress;
        sb.Append(a.Line1).Append('\u001f').Append(a.City).Append('\u001f').Append(a.PostalCode).Append('\u001f').Append(a.Country);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..32];
    }

    private static string Normalize(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);
}
