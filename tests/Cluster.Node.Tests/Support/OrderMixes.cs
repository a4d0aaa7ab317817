using System.Text.Json.Nodes;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Orders whose outcome the simulators' test values decide, in a fixed rotation.</summary>
public static class OrderMixes
{
    /// <summary>The body of the n-th order of a mixed run and the status it must end in.</summary>
    public static (JsonObject Body, string Expected) Mixed(string id, int n) => (n % 10) switch
    {
        0 => (OrderApi.Body(id, customerId: "decline-" + id), "Rejected"),
        1 => (OrderApi.Body(id, sku: "OOS-" + n), "Cancelled"),
        2 => (OrderApi.Body(id, country: "ZZ"), "Cancelled"),
        3 when n % 40 == 3 => (OrderApi.Body(id, customerId: "noreply-" + id), "Rejected"),
        3 when n % 40 == 13 => (OrderApi.Body(id, customerId: "lostreply-" + id), "Rejected"),
        4 when n % 40 == 4 => (OrderApi.Body(id, customerId: "norefund-" + id, sku: "OOS-" + n), "AttentionRequired"),
        4 when n % 40 == 14 => (OrderApi.Body(id, customerId: "novoid-" + id), "AttentionRequired"),
        _ => (OrderApi.Body(id, customerId: "customer-" + (n % 97)), "Completed"),
    };

    /// <summary>Statuses an order stays in for good without a command.</summary>
    public static readonly string[] Settled = ["Completed", "Rejected", "Cancelled", "AttentionRequired"];
}
