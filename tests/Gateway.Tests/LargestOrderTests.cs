using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>
/// The largest valid order crosses Akka.Remote (gateway ⇄ node, 128,000-byte frames by default) both
/// ways: placed, read, its events and a listing of many large rows, all through the gateway's proxy and router.
/// </summary>
[Collection(GatewayClusterCollection.Name)]
public sealed class LargestOrderTests(GatewayCluster cluster, ITestOutputHelper output)
{
    private const int Frame = 128_000;

    // The longest strings the validator allows, of the character whose JSON escape is longest (\u0001: 6 bytes).
    private static string Worst(int length) => new('\u0001', length);

    private static JsonObject Largest(string id) => new()
    {
        ["orderId"] = id,
        ["customerId"] = Worst(PlaceOrderValidatorLimits.Customer),
        ["currency"] = "USD",
        ["lines"] = new JsonArray([.. Enumerable.Range(0, PlaceOrderValidator.MaxLines).Select(_ => (JsonNode)new JsonObject
        {
            ["sku"] = Worst(PlaceOrderValidatorLimits.Sku),
            ["quantity"] = 10_000,
            ["unitPrice"] = 999_999_999.99999999999999999m,
        })]),
        ["shippingAddress"] = new JsonObject
        {
            ["line1"] = Worst(200), ["city"] = Worst(100), ["postalCode"] = Worst(20), ["country"] = "US",
        },
    };

    [Fact]
    public Task The_largest_valid_order_is_placed_read_and_listed_through_the_gateway() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("largest");
        var body = Largest(id);
        using var placed = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", body.ToJsonString()));
        placed.StatusCode.ShouldBe(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());

        using var get = await cluster.A.Http.GetAsync($"/orders/{id}");
        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await get.JsonAsync();
        view.GetProperty("lines").GetArrayLength().ShouldBe(PlaceOrderValidator.MaxLines);
        view.GetProperty("customerId").GetString().ShouldBe(Worst(PlaceOrderValidatorLimits.Customer));
        (await OrderApi.TerminalStatusAsync(cluster.A.Http, id)).ShouldBe("Completed");

        using var events = await cluster.B.Http.GetAsync($"/orders/{id}/events");
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await events.JsonAsync()).EnumerateArray().First().GetProperty("data").GetProperty("lines").GetArrayLength().ShouldBe(PlaceOrderValidator.MaxLines);

        // What crossed the wire, measured with the contracts' serializer as remoting uses it.
        using var system = ActorSystem.Create("frame-check", ContractsSerialization.Config);
        var command = JsonSerializer.Deserialize<JsonElement>(body.ToJsonString());
        var place = new PlaceOrder(id, Worst(PlaceOrderValidatorLimits.Customer), "USD",
            [.. Enumerable.Range(0, PlaceOrderValidator.MaxLines).Select(_ => new OrderLine(Worst(PlaceOrderValidatorLimits.Sku), 10_000, 999_999_999.99999999999999999m))],
            new ShippingAddress(Worst(200), Worst(100), Worst(20), "US"));
        var placeBytes = system.Serialization.FindSerializerFor(place).ToBinary(place).Length;
        output.WriteLine($"PlaceOrder of the largest valid order: {placeBytes} bytes (frame {Frame}); body had {command.GetRawText().Length} bytes");
        placeBytes.ShouldBeLessThan(Frame / 2);
        await system.Terminate();
    });

    [Fact]
    public Task A_listing_of_500_large_rows_is_answered_whole_through_the_gateway() => cluster.RunAsync(output, async () =>
    {
        // 500 rows of the longest customer id are ~400 KB of JSON: more than three frames.
        var customer = Worst(PlaceOrderValidatorLimits.Customer - 8) + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 500).Select(n => $"wide-{Guid.NewGuid():N}"[..30] + n).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
        {
            var body = OrderApi.Body(id, customer);
            using var response = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", body.ToJsonString()), ct);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        });

        var query = $"/orders?customerId={Uri.EscapeDataString(customer)}&limit=500";
        var listed = await Eventually.Value(
            async () => await (await cluster.A.Http.GetAsync(query)).JsonAsync(),
            page => page.GetProperty("items").GetArrayLength() == 500 && page.GetProperty("items").EnumerateArray().All(i => i.GetProperty("status").GetString() == "Completed"),
            TimeSpan.FromSeconds(30),
            "the read model lists all 500 orders, finished");
        listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()).ShouldBe(ids, ignoreOrder: true);

        // The node's own listing (its HTTP needs a key: it has auth configured) answers the same page.
        using var direct = await cluster.Node.Http.SendAsync(OrderApi.Get(query, GatewayCluster.ShopKey));
        (await direct.JsonAsync()).GetProperty("items").GetRawText().ShouldBe(listed.GetProperty("items").GetRawText());
        output.WriteLine($"listing JSON: {listed.GetRawText().Length} bytes");
    });
}

/// <summary>The validator's string limits (PlaceOrderValidator keeps them as literals).</summary>
internal static class PlaceOrderValidatorLimits
{
    public const int Customer = 128;
    public const int Sku = 64;
}
