using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>Bad input is a 400 application/problem+json naming the field, never a 500, and nothing is stored.</summary>
public sealed class ValidationTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    private HttpClient Http => fixture.Http;

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "quantity is zero", "lines[0].quantity", Mutate(b => b["lines"]![0]!["quantity"] = 0) },
        { "quantity is negative", "lines[0].quantity", Mutate(b => b["lines"]![0]!["quantity"] = -3) },
        { "quantity is missing", "lines[0].quantity", Mutate(b => b["lines"]![0]!.AsObject().Remove("quantity")) },
        { "price is negative", "lines[0].unitPrice", Mutate(b => b["lines"]![0]!["unitPrice"] = -1) },
        { "price is missing", "lines[0].unitPrice", Mutate(b => b["lines"]![0]!.AsObject().Remove("unitPrice")) },
        { "sku is missing", "lines[0].sku", Mutate(b => b["lines"]![0]!.AsObject().Remove("sku")) },
        { "no lines", "lines", Mutate(b => b["lines"] = new JsonArray()) },
        { "lines missing", "lines", Mutate(b => b.Remove("lines")) },
        { "unknown currency", "currency", Mutate(b => b["currency"] = "XYZ") },
        { "lower-case currency", "currency", Mutate(b => b["currency"] = "usd") },
        { "currency missing", "currency", Mutate(b => b.Remove("currency")) },
        { "customer missing", "customerId", Mutate(b => b.Remove("customerId")) },
        { "address missing", "shippingAddress", Mutate(b => b.Remove("shippingAddress")) },
        { "city missing", "shippingAddress.city", Mutate(b => b["shippingAddress"]!.AsObject().Remove("city")) },
        { "country not ISO", "shippingAddress.country", Mutate(b => b["shippingAddress"]!["country"] = "USA") },
        { "order id with spaces", "orderId", Mutate(b => b["orderId"] = "has spaces") },
        { "order id too long", "orderId", Mutate(b => b["orderId"] = new string('x', 65)) },
        { "quantity is a string", "lines[0].quantity", Mutate(b => b["lines"]![0]!["quantity"] = "2") },
        { "quantity is fractional", "lines[0].quantity", Mutate(b => b["lines"]![0]!["quantity"] = 1.5) },
        { "lines is an object", "lines", Mutate(b => b["lines"] = new JsonObject()) },
        { "customer is a number", "customerId", Mutate(b => b["customerId"] = 7) },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_order_is_a_400_problem_naming_the_field(string @case, string expectedField, string body)
    {
        using var response = await Http.PostRawAsync("/orders", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, @case);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(expectedField, out _).ShouldBeTrue($"{@case}: {problem}");
        problem.GetProperty("detail").GetString()!.ShouldContain(expectedField);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("""{"orderId": "a", "lines": [ }""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_malformed_body_is_a_400_problem_not_a_500(string body)
    {
        using var response = await Http.PostRawAsync("/orders", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem()
    {
        var huge = Mutate(b => b["customerId"] = new string('a', 300 * 1024));

        using var response = await Http.PostRawAsync("/orders", huge);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_bad_id_in_the_path_is_a_400_problem()
    {
        using var response = await Http.GetAsync("/orders/bad%20id");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("id", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_invalid_idempotency_key_is_a_400_naming_the_header()
    {
        var body = OrderApi.Body();
        body.Remove("orderId");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "not a valid id!");

        using var response = await Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_rejected_order_leaves_no_trace_in_the_journal()
    {
        var id = OrderApi.NewId("invalid");

        using var response = await Http.PostRawAsync("/orders", Mutate(b => { b["orderId"] = id; b["currency"] = "XYZ"; }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        SqliteJournal.RowsMentioning(fixture.JournalFile, id).ShouldBe(0);
    }

    private static string Mutate(Action<JsonObject> change)
    {
        var body = OrderApi.Body(OrderApi.NewId("v"));
        change(body);
        return body.ToJsonString(new JsonSerializerOptions());
    }
}
