namespace ActorOrders.Contracts;

/// <summary>One line of an order.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice)
{
    /// <summary>Quantity times unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}

/// <summary>Where an order ships to.</summary>
public sealed record ShippingAddress(string Line1, string City, string PostalCode, string Country);

/// <summary>The status an order is in; the names are part of the HTTP and event contracts.</summary>
public enum OrderStatus
{
    /// <summary>Transient: accepted, before the payment request goes out. Not observable once OrderPlaced is stored.</summary>
    Placed,
    AwaitingPayment,
    AwaitingInventory,
    AwaitingShipment,
    Compensating,
    Completed,
    Rejected,
    Cancelled,
    AttentionRequired,
}

/// <summary>What an order asks of a participant (payment, inventory, shipping).</summary>
public enum ParticipantAction
{
    AuthorizePayment,
    RefundPayment,
    ReserveInventory,
    ReleaseInventory,
    ScheduleShipment,
    CancelShipment,
}
