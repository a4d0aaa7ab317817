using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>Records of orders.commands as an upstream system writes them: CloudEvents 1.0, keyed by order id.</summary>
public static class CommandRecords
{
    public static Message<string, byte[]> Place(JsonObject body) => Record(body["orderId"]!.GetValue<string>(), "actororders.order.PlaceOrder.v1", body);

    public static Message<string, byte[]> Cancel(string orderId, string reason) =>
        Record(orderId, "actororders.order.CancelOrder.v1", new JsonObject { ["orderId"] = orderId, ["reason"] = reason });

    public static Message<string, byte[]> Poison(int n) => (n % 3) switch
    {
        0 => new Message<string, byte[]> { Key = $"poison-{n}", Value = Encoding.UTF8.GetBytes("{ this is not json") },
        1 => Record($"poison-{n}", "actororders.order.Teleport.v1", new JsonObject { ["orderId"] = $"poison-{n}" }),
        _ => Record($"poison-{n}", "actororders.order.PlaceOrder.v1", new JsonObject { ["orderId"] = $"poison-{n}", ["currency"] = "NOPE" }),
    };

    private static Message<string, byte[]> Record(string key, string type, JsonObject data) => new()
    {
        Key = key,
        Value = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "urn:test:upstream",
            ["type"] = type,
            ["subject"] = key,
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        }.ToJsonString()),
    };
}
