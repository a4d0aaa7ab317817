using ActorOrders.Contracts;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.State;

namespace ActorOrders.ReadSide.ReadModel;

/// <summary>One order's row: what the listing shows, derived from the order's folded state.</summary>
public static class OrderRow
{
    /// <summary>The listing item of an order's state (after its event <paramref name="state"/> was folded from).</summary>
    public static OrderListItem From(OrderState state)
    {
        // The step the saga drives in this state is the row's current step; none once finished or waiting for a person.
        var step = OrderDecisions.Next(state, state.UpdatedAt) is RunStep run ? run.Action : (ParticipantAction?)null;
        return new OrderListItem(
            state.OrderId,
            state.Status,
            state.CustomerId,
            state.Total,
            state.Currency,
            state.PlacedAt.ToUniversalTime(),
            state.UpdatedAt.ToUniversalTime(),
            step,
            step is null ? 0 : state.StepAttempt,
            state.Reason);
    }
}
