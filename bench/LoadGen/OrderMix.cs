using System.Text.Json.Nodes;

namespace ActorOrders.LoadGen;

/// <summary>The kinds of order the load generator places, each forcing one saga outcome through the simulators' test values.</summary>
public enum OrderKind { Happy, Declined, OutOfStock, Unshippable, NoReply }

/// <summary>Builds order bodies; the mix is deterministic for a given seed.</summary>
public sealed class OrderMix(int seed, string runId)
{
    private readonly Random _random = new(seed);

    /// <summary>Picks a kind: mostly happy orders, each failure kind about 7 %.</summary>
    public OrderKind Next() => _random.Next(100) switch
    {
        < 72 => OrderKind.Happy,
        < 79 => OrderKind.Declined,
        < 86 => OrderKind.OutOfStock,
        < 93 => OrderKind.Unshippable,
        _ => OrderKind.NoReply,
    };

    public string OrderId(int n) => $"{runId}-{n:D6}";

    public static string ExpectedStatus(OrderKind kind) => kind switch
    {
        OrderKind.Happy => "Completed",
        OrderKind.Declined or OrderKind.NoReply => "Rejected",
        _ => "Cancelled",
    };

    public JsonObject Body(string orderId, OrderKind kind) => new()
    {
        ["orderId"] = orderId,
        ["customerId"] = kind switch
        {
            OrderKind.Declined => "decline-" + orderId,
            OrderKind.NoReply => "noreply-" + orderId,
            _ => "customer-" + _random.Next(1000),
        },
        ["currency"] = "USD",
        ["lines"] = new JsonArray(
            new JsonObject { ["sku"] = kind == OrderKind.OutOfStock ? "OOS-42" : "SKU-" + _random.Next(50), ["quantity"] = 1 + _random.Next(3), ["unitPrice"] = 9.99m },
            new JsonObject { ["sku"] = "SKU-" + _random.Next(50), ["quantity"] = 1, ["unitPrice"] = 20.00m }),
        ["shippingAddress"] = new JsonObject
        {
            ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "12345",
            ["country"] = kind == OrderKind.Unshippable ? "ZZ" : "US",
        },
    };
}
