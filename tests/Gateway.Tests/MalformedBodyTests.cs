using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>Bad input through the gateway is a 4xx problem naming what is wrong, never a 5xx, never an order.</summary>
[Collection(GatewayClusterCollection.Name)]
public sealed class MalformedBodyTests(GatewayCluster cluster, ITestOutputHelper output)
{
    /// <summary>Every malformed body: its name, the body (with an order id of its own where it has one), the expected status.</summary>
    private static IEnumerable<(string Name, string Id, byte[] Body, HttpStatusCode Status, string? Field)> Cases()
    {
        var n = 0;
        string Id() => $"fuzz-{Guid.NewGuid():N}-{n++}";
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        (string, string, byte[], HttpStatusCode, string?) With(string name, Action<JsonObject> change, HttpStatusCode status, string? field)
        {
            var id = Id();
            var body = OrderApi.Body(id);
            change(body);
            return (name, id, Utf8(body.ToJsonString()), status, field);
        }

        var valid = OrderApi.Body(Id()).ToJsonString();
        yield return ("truncated JSON", Id(), Utf8(valid[..(valid.Length / 2)]), HttpStatusCode.BadRequest, null);
        var deepId = Id();
        yield return ("5,000-deep nesting", deepId, Utf8($"{{\"orderId\":\"{deepId}\",\"customerId\":{new string('[', 5000)}{new string(']', 5000)}}}"), HttpStatusCode.BadRequest, null);
        yield return With("a 2 MB string", b => b["customerId"] = new string('x', 2 * 1024 * 1024), HttpStatusCode.RequestEntityTooLarge, null);
        yield return With("a number as a string", b => b["lines"]![0]!["quantity"] = "2", HttpStatusCode.BadRequest, "lines[0].quantity");
        yield return With("an object for a string", b => b["currency"] = new JsonObject { ["code"] = "USD" }, HttpStatusCode.BadRequest, "currency");
        yield return With("lines as an object", b => b["lines"] = new JsonObject(), HttpStatusCode.BadRequest, "lines");
        yield return With("a fractional quantity", b => b["lines"]![0]!["quantity"] = 1.5, HttpStatusCode.BadRequest, "lines[0].quantity");
        yield return With("a $type field at the top", b => b["$type"] = "System.Diagnostics.Process, System", HttpStatusCode.BadRequest, "$type");
        yield return With("a $type field in a line", b => b["lines"]![0]!["$type"] = "ActorOrders.Contracts.OrderLine", HttpStatusCode.BadRequest, "lines[0].$type");
        yield return With("an unknown property", b => b["discount"] = 100, HttpStatusCode.BadRequest, "discount");
        yield return With("a client-sent total", b => b["total"] = 0.01, HttpStatusCode.BadRequest, "total");
        yield return With("a client-sent line amount", b => b["lines"]![0]!["amount"] = 0.01, HttpStatusCode.BadRequest, "lines[0].amount");
        yield return With("a negative quantity", b => b["lines"]![0]!["quantity"] = -3, HttpStatusCode.BadRequest, "lines[0].quantity");
        yield return With("a negative price", b => b["lines"]![0]!["unitPrice"] = -1, HttpStatusCode.BadRequest, "lines[0].unitPrice");
        yield return With("a number beyond decimal", b => b["lines"]![0]!["unitPrice"] = JsonNode.Parse("1e400"), HttpStatusCode.BadRequest, "lines[0].unitPrice");
        yield return With("5,000 lines", b => b["lines"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject { ["sku"] = "S", ["quantity"] = 1, ["unitPrice"] = 1 })]), HttpStatusCode.BadRequest, "lines");
        yield return With("101 lines", b => b["lines"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => (JsonNode)new JsonObject { ["sku"] = "S", ["quantity"] = 1, ["unitPrice"] = 1 })]), HttpStatusCode.BadRequest, "lines");
        yield return With("an unknown currency", b => b["currency"] = "XYZ", HttpStatusCode.BadRequest, "currency");
        yield return With("a lower-case currency", b => b["currency"] = "usd", HttpStatusCode.BadRequest, "currency");
        yield return With("a 129-character customer", b => b["customerId"] = new string('c', 129), HttpStatusCode.BadRequest, "customerId");
        yield return With("a 65-character sku", b => b["lines"]![0]!["sku"] = new string('s', 65), HttpStatusCode.BadRequest, "lines[0].sku");
        yield return With("a null line", b => b["lines"] = new JsonArray((JsonNode?)null), HttpStatusCode.BadRequest, "lines[0]");
        yield return With("a bad country", b => b["shippingAddress"]!["country"] = "usa", HttpStatusCode.BadRequest, "shippingAddress.country");
        yield return With("an id with a slash", b => b["orderId"] = "a/b", HttpStatusCode.BadRequest, "orderId");
        yield return ("a duplicate property", Id(), Utf8(valid.Replace("\"currency\":\"USD\"", "\"currency\":\"USD\",\"currency\":\"EUR\"", StringComparison.Ordinal)), HttpStatusCode.BadRequest, null);
        yield return ("a JSON array", Id(), Utf8("[]"), HttpStatusCode.BadRequest, null);
        yield return ("null", Id(), Utf8("null"), HttpStatusCode.BadRequest, null);
        yield return ("an empty body", Id(), [], HttpStatusCode.BadRequest, null);
        yield return ("not UTF-8", Id(), [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D], HttpStatusCode.BadRequest, null);
        var bigId = Id();
        yield return ("a 10 MB body", bigId, Utf8($"{{\"orderId\":\"{bigId}\",\"customerId\":\"{new string('y', 10 * 1024 * 1024)}\"}}"), HttpStatusCode.RequestEntityTooLarge, null);
    }

    [Fact]
    public Task Every_malformed_body_is_a_4xx_problem_and_places_no_order() => cluster.RunAsync(output, async () =>
    {
        var cases = Cases().ToList();
        foreach (var (name, id, body, status, field) in cases)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await cluster.A.Http.PostAsync("/orders", content);
            var problem = await response.ShouldBeProblemAsync(status);
            if (field is not null)
                problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"{name}: {problem}");
            output.WriteLine($"{name}: {(int)response.StatusCode} {problem.GetProperty("detail")}");
        }

        // No order exists for any of them, through either gateway.
        foreach (var (name, id, _, _, _) in cases)
        {
            using var get = await cluster.B.Http.GetAsync($"/orders/{id}");
            get.StatusCode.ShouldBe(HttpStatusCode.NotFound, name);
        }
    });

    [Fact]
    public Task A_body_that_is_not_json_is_415() => cluster.RunAsync(output, async () =>
    {
        using var response = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(OrderApi.NewId("text")).ToJsonString(), contentType: "text/plain"));
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    });

    [Fact]
    public Task The_server_computes_the_total() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("total");
        var body = OrderApi.Body(id);
        body["lines"] = new JsonArray(
            new JsonObject { ["sku"] = "A", ["quantity"] = 3, ["unitPrice"] = 0.10m },
            new JsonObject { ["sku"] = "B", ["quantity"] = 2, ["unitPrice"] = 19.99m });
        using var placed = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", body.ToJsonString()));
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await (await cluster.A.Http.GetAsync($"/orders/{id}")).JsonAsync()).GetProperty("total").GetDecimal().ShouldBe(40.28m);
    });
}
