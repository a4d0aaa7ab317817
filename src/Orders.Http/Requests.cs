using ActorOrders.Contracts;

namespace ActorOrders.Http;

/// <summary>Body of POST /orders. Everything is nullable so that a missing field is reported by name, not as a parse error.</summary>
public sealed record PlaceOrderRequest(
    string? OrderId,
    string? CustomerId,
    string? Currency,
    IReadOnlyList<OrderLineRequest?>? Lines,
    ShippingAddressRequest? ShippingAddress);

/// <summary>One line of <see cref="PlaceOrderRequest"/>.</summary>
public sealed record OrderLineRequest(string? Sku, int? Quantity, decimal? UnitPrice);

/// <summary>Shipping address of <see cref="PlaceOrderRequest"/>.</summary>
public sealed record ShippingAddressRequest(string? Line1, string? City, string? PostalCode, string? Country);

/// <summary>Optional body of POST /orders/{id}/cancel.</summary>
public sealed record CancelOrderRequest(string? Reason);

/// <summary>Answer of POST /orders.</summary>
public sealed record OrderPlacedResponse(string OrderId, OrderStatus Status);

internal static class RequestMapping
{
    /// <summary>The command, plus the fields that were absent (which the domain validator cannot see once defaulted).</summary>
    public static (PlaceOrder Command, List<FieldError> Missing) ToCommand(this PlaceOrderRequest r, string orderId)
    {
        var missing = new List<FieldError>();
        var lines = r.Lines?.Select((l, i) =>
        {
            if (l is null) return null!;
            if (l.Quantity is null) missing.Add(new($"lines[{i}].quantity", "is required."));
            if (l.UnitPrice is null) missing.Add(new($"lines[{i}].unitPrice", "is required."));
            return new OrderLine(l.Sku!, l.Quantity ?? 1, l.UnitPrice ?? 0m);
        }).ToList();
        var a = r.ShippingAddress;
        var address = a is null ? null! : new ShippingAddress(a.Line1!, a.City!, a.PostalCode!, a.Country!);
        return (new PlaceOrder(orderId, r.CustomerId!, r.Currency!, lines!, address), missing);
    }
}
