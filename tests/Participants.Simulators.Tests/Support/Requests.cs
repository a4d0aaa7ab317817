using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Participants.Tests.Support;

/// <summary>Builds participant requests the way the saga's step actors do.</summary>
public static class Requests
{
    public static OrderSummary Order(string customerId = "alice", string sku = "BOOK-1", string country = "US") =>
        new(customerId, "USD", 25.00m,
            [new OrderLine("PEN-1", 1, 0m), new OrderLine(sku, 2, 12.50m)],
            new ShippingAddress("1 Main St", "Springfield", "12345", country));

    /// <summary>A request carrying the saga's deterministic idempotency key (unless <paramref name="key"/> overrides it).</summary>
    public static ParticipantRequest For(string orderId, ParticipantAction action, OrderSummary? order = null, int attempt = 1, string? key = null)
    {
        var idempotencyKey = key ?? ParticipantActions.IdempotencyKey(orderId, action);
        return new ParticipantRequest(orderId, action, idempotencyKey, $"{idempotencyKey}#test.{attempt}", attempt, order ?? Order());
    }
}
