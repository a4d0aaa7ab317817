using ActorOrders.Contracts;

namespace ActorOrders.Domain.Tests.Support;

/// <summary>Builds PlaceOrder commands for tests; every value can be overridden.</summary>
public sealed class OrderBuilder
{
    private string _orderId = "order-1";
    private string _customerId = "alice";
    private string _currency = "USD";
    private List<OrderLine> _lines = [new("SKU-1", 2, 10.00m), new("SKU-2", 1, 5.50m)];
    private ShippingAddress _address = new("1 Main St", "Springfield", "12345", "US");

    public static OrderBuilder AnOrder(string orderId = "order-1") => new() { _orderId = orderId };

    public OrderBuilder For(string customerId) { _customerId = customerId; return this; }
    public OrderBuilder InCurrency(string currency) { _currency = currency; return this; }
    public OrderBuilder WithLines(params OrderLine[] lines) { _lines = [.. lines]; return this; }
    public OrderBuilder ShippingTo(string country) { _address = _address with { Country = country }; return this; }

    public PlaceOrder Build() => new(_orderId, _customerId, _currency, _lines, _address);
}
