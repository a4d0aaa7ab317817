using System.Text.Json.Nodes;

namespace ActorOrders.LoadGen;

/// <summary>The kinds of order the load generator places, each forcing one saga outcome through the simulators' test values.</summary>
public enum OrderKind { Happy, Declined, OutOfStock, Unshippable, NoReply, LostReply }

/// <summary>
/// Which kinds <see cref="OrderMix"/> draws. <see cref="Standard"/> leaves out <see cref="OrderKind.NoReply"/>:
/// a participant that never answers holds a closed-loop client for the whole retry budget, which
/// measures the timeout settings rather than the system.
/// </summary>
public enum MixKind { Happy, Standard, Full }

/// <summary>Builds order bodies; the mix is deterministic for a given seed.</summary>
public sealed class OrderMix(int seed, string runId, MixKind mix = MixKind.Full)
{
    private readonly Random _random = new(seed);

    public static MixKind ParseMix(string name) => name switch
    {
        "happy" => MixKind.Happy,
        "standard" => MixKind.Standard,
        "full" => MixKind.Full,
        _ => throw new ArgumentException($"--mix must be happy, standard or full (was '{name}')"),
    };

    /// <summary>Picks a kind: mostly happy orders, each failure kind about 7 % (Standard gives NoReply's share to Happy).</summary>
    public OrderKind Next() => mix switch
    {
        MixKind.Happy => OrderKind.Happy,
        _ => _random.Next(100) switch
        {
            < 72 => OrderKind.Happy,
            < 79 => OrderKind.Declined,
            < 86 => OrderKind.OutOfStock,
            < 93 => OrderKind.Unshippable,
            < 97 => mix == MixKind.Full ? OrderKind.NoReply : OrderKind.Happy,
            _ => mix == MixKind.Full ? OrderKind.LostReply : OrderKind.Happy,
        },
    };

    public string OrderId(int n) => $"{runId}-{n:D6}";

    /// <summary>An id within a phase (e.g. "w" for warm-up), so phases of one run never share ids.</summary>
    public string OrderId(string phase, int n) => $"{runId}-{phase}{n:D6}";

    public static string ExpectedStatus(OrderKind kind) => kind switch
    {
        OrderKind.Happy => "Completed",
        OrderKind.Declined or OrderKind.NoReply or OrderKind.LostReply => "Rejected",
        _ => "Cancelled",
    };

    public JsonObject Body(string orderId, OrderKind kind) => new()
    {
        ["orderId"] = orderId,
        ["customerId"] = kind switch
        {
            OrderKind.Declined => "decline-" + orderId,
            OrderKind.NoReply => "noreply-" + orderId,
            OrderKind.LostReply => "lostreply-" + orderId,
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
