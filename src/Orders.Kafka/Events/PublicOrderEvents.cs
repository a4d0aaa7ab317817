using System.Text.Json.Nodes;
using ActorOrders.Domain.Events;

namespace ActorOrders.Orders.Kafka.Events;

/// <summary>
/// The public order events (orders.events, version 1): what downstream services (e-mail,
/// analytics, …) may rely on. They are a contract of their own, documented in docs/kafka.md with a
/// JSON Schema each in docs/schemas: the journal's events may change shape (new manifests,
/// upcasters) while these stay as they are; a breaking change is a new type `….v2`.
/// </summary>
public static class PublicOrderEvents
{
    /// <summary>The CloudEvents type prefix; a type is <c>actororders.order.{Name}.v1</c>.</summary>
    public const string TypePrefix = "actororders.order.";

    /// <summary>The public name and the data of a journal event; throws for an event with no public form (a test keeps every event covered).</summary>
    public static (string Name, JsonObject Data) Of(IOrderEvent evt) => evt switch
    {
        OrderPlaced e => ("OrderPlaced", new JsonObject
        {
            ["orderId"] = e.OrderId,
            ["customerId"] = e.CustomerId,
            ["currency"] = e.Currency,
            ["lines"] = new JsonArray([.. e.Lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity, ["unitPrice"] = l.UnitPrice })]),
            ["shippingAddress"] = new JsonObject { ["line1"] = e.ShipLine1, ["city"] = e.ShipCity, ["postalCode"] = e.ShipPostalCode, ["country"] = e.ShipCountry },
            ["total"] = e.Total,
            ["placedAt"] = e.At,
        }),
        PaymentAuthorized e => ("PaymentAuthorized", Base(e, ("paymentReference", e.PaymentReference), ("amount", e.Amount))),
        PaymentDeclined e => ("PaymentDeclined", Base(e, ("reason", e.Reason))),
        InventoryReserved e => ("InventoryReserved", Base(e, ("reservationReference", e.ReservationReference))),
        InventoryUnavailable e => ("InventoryUnavailable", Base(e, ("reason", e.Reason))),
        ShipmentScheduled e => ("ShipmentScheduled", Base(e, ("trackingReference", e.TrackingReference))),
        ShipmentFailed e => ("ShipmentFailed", Base(e, ("reason", e.Reason))),
        StepAttemptFailed e => ("StepAttemptFailed", Base(e, ("action", e.Action.ToString()), ("attempt", e.Attempt), ("reason", e.Reason), ("retryAt", e.RetryAt))),
        StepTimedOut e => ("StepTimedOut", Base(e, ("action", e.Action.ToString()), ("attempts", e.Attempts), ("reason", e.Reason))),
        CancellationRequested e => ("CancellationRequested", Base(e, ("reason", e.Reason))),
        PaymentRefunded e => ("PaymentRefunded", Base(e, ("refundReference", e.RefundReference))),
        InventoryReleased e => ("InventoryReleased", Base(e)),
        ShipmentCancelled e => ("ShipmentCancelled", Base(e)),
        CompensationStalled e => ("CompensationStalled", Base(e, ("action", e.Action.ToString()), ("attempts", e.Attempts), ("reason", e.Reason))),
        // Who asked (an operator's identity) stays in the journal and the admin API: not for other teams.
        OrderRetryRequested e => ("OrderRetryRequested", Base(e)),
        CompensationForced e => ("CompensationForced", Base(e, ("reason", e.Reason))),
        OrderCompleted e => ("OrderCompleted", Base(e)),
        OrderCancelled e => ("OrderCancelled", Base(e, ("reason", e.Reason))),
        OrderRejected e => ("OrderRejected", Base(e, ("reason", e.Reason))),
        _ => throw new InvalidOperationException($"{evt.GetType().Name} has no public form: add it to {nameof(PublicOrderEvents)} (and docs/kafka.md, docs/schemas)."),
    };

    private static JsonObject Base(IOrderEvent e, params (string Name, JsonNode? Value)[] fields)
    {
        var data = new JsonObject { ["orderId"] = e.OrderId };
        foreach (var (name, value) in fields) data[name] = value;
        data["at"] = e.At;
        return data;
    }
}
