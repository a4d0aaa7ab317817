using System.Text.Json;
using ActorOrders.Contracts;
using ActorOrders.Contracts.Admin;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;
using ActorOrders.Http;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Admin;

/// <summary>
/// <c>orders show</c>: an order folded from its stored events with the order's own
/// <see cref="OrderState.Apply"/>, so it is exactly what the order holds, read without waking it.
/// </summary>
internal static class OrderInspection
{
    public static OrderDetail Detail(IReadOnlyList<StoredOrderEvent> events, NodeSettings settings, DateTimeOffset now)
    {
        var state = OrderState.Empty.ApplyAll(events.Select(e => (IOrderEvent)e.Data));
        return new OrderDetail(
            state.OrderId,
            state.Status.ToString(),
            state.CustomerId,
            state.Total,
            state.Currency,
            state.Reason,
            state.PlacedAt,
            state.UpdatedAt,
            events[^1].SequenceNr,
            Step(state, settings, now),
            [.. state.PendingCompensations.Select(c => c.ToString())],
            [.. events.Select(History)]);
    }

    private static OrderStep? Step(OrderState state, NodeSettings settings, DateTimeOffset now)
    {
        if (OrderDecisions.Next(state, now) is not RunStep run) return null;
        var policy = run.Action.IsCompensation() ? settings.Saga.Compensations : settings.Saga.Steps;
        return new OrderStep(run.Action.ToString(), state.StepAttempt, policy.MaxAttempts, state.StepAttemptAt, state.StepAttemptAt + policy.Timeout, state.StepLastFailure);
    }

    private static OrderHistoryEntry History(StoredOrderEvent e) => new(
        e.SequenceNr,
        e.Type,
        e.Timestamp,
        e.Data switch
        {
            OrderRetryRequested r => r.By,
            CompensationForced f => f.By,
            _ => null,
        },
        JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), OrderJson.Options));
}
