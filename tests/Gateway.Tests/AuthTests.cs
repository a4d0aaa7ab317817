using System.Net;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>API keys and JWT on the gateway (and the node's own listener), customer binding, rate limits.</summary>
[Collection(GatewayClusterCollection.Name)]
public sealed class AuthTests(GatewayCluster cluster, ITestOutputHelper output)
{
    private static string Token(string subject, string? customer = null, string key = GatewayCluster.SigningKey, TimeSpan? lifetime = null) =>
        OrderApi.Jwt(GatewayCluster.Issuer, GatewayCluster.Audience, key, subject, customer, lifetime);

    [Theory]
    [InlineData("GET", "/orders/some-id")]
    [InlineData("GET", "/orders")]
    [InlineData("POST", "/orders")]
    [InlineData("POST", "/orders/some-id/cancel")]
    [InlineData("GET", "/orders/some-id/events")]
    public Task Requests_without_credentials_are_401_problems(string method, string path) => cluster.RunAsync(output, async () =>
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new StringContent(OrderApi.Body().ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await cluster.Secured.Http.SendAsync(request);
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    });

    [Fact]
    public Task A_wrong_key_an_expired_token_and_a_token_signed_with_another_key_are_401() => cluster.RunAsync(output, async () =>
    {
        using var wrongKey = await cluster.Secured.Http.SendAsync(OrderApi.Get("/orders", apiKey: "not-a-key"));
        await wrongKey.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var expired = await cluster.Secured.Http.SendAsync(OrderApi.Get("/orders", bearer: Token("shop", lifetime: TimeSpan.FromMinutes(-5))));
        await expired.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var forged = await cluster.Secured.Http.SendAsync(OrderApi.Get("/orders", bearer: Token("shop", key: "another-signing-key-of-at-least-32-characters")));
        await forged.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    });

    [Fact]
    public Task A_valid_key_or_token_is_served() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("authed");
        using var placed = await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id).ToJsonString(), apiKey: GatewayCluster.ShopKey));
        placed.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var byToken = await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{id}", bearer: Token("shop")));
        byToken.StatusCode.ShouldBe(HttpStatusCode.OK);
    });

    [Fact]
    public Task Probes_metrics_and_docs_need_no_credentials() => cluster.RunAsync(output, async () =>
    {
        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json" })
        {
            using var response = await cluster.Secured.Http.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
        }
    });

    [Fact]
    public Task A_caller_bound_to_a_customer_reads_only_its_own_orders() => cluster.RunAsync(output, async () =>
    {
        var alices = OrderApi.NewId("alices");
        var bobs = OrderApi.NewId("bobs");
        (await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(alices, "alice").ToJsonString(), apiKey: GatewayCluster.AliceKey))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(bobs, "bob").ToJsonString(), apiKey: GatewayCluster.BobKey))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Bound by key or by token, a caller sees its own order and another customer's as if it did not exist.
        (await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{alices}", GatewayCluster.AliceKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{bobs}", GatewayCluster.AliceKey))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{bobs}/events", GatewayCluster.AliceKey))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{bobs}", bearer: Token("alice-web", "alice")))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await cluster.Secured.Http.SendAsync(OrderApi.Get($"/orders/{alices}", bearer: Token("alice-web", "alice")))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/orders/{bobs}/cancel");
        cancel.Headers.Add("X-Api-Key", GatewayCluster.AliceKey);
        await (await cluster.Secured.Http.SendAsync(cancel)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // It cannot place for someone else, nor list anyone else's orders.
        await (await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(OrderApi.NewId("x"), "bob").ToJsonString(), apiKey: GatewayCluster.AliceKey))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await cluster.Secured.Http.SendAsync(OrderApi.Get("/orders?customerId=bob", GatewayCluster.AliceKey))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var listed = await Eventually.Value(
            async () => await (await cluster.Secured.Http.SendAsync(OrderApi.Get("/orders?limit=500", GatewayCluster.AliceKey))).JsonAsync(),
            page => page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("orderId").GetString() == alices),
            TimeSpan.FromSeconds(15),
            "alice's order is listed");
        listed.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("customerId").GetString() == "alice");
    });

    [Fact]
    public Task The_node_listener_with_auth_configured_protects_the_simulators_too() => cluster.RunAsync(output, async () =>
    {
        await (await cluster.Node.Http.GetAsync("/participants/ledger")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await cluster.Node.Http.GetAsync("/orders")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await cluster.Node.Http.SendAsync(OrderApi.Get("/participants/ledger", GatewayCluster.ShopKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cluster.Node.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    });

    [Fact]
    public Task Beyond_its_rate_a_client_gets_429_with_retry_after() => cluster.RunAsync(output, async () =>
    {
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < GatewayCluster.RatePerSecond * 4; i++) answers.Add(await cluster.Limited.Http.GetAsync($"/orders/limited-{i}"));

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Count.ShouldBeGreaterThan(0, "twenty requests in well under a second exceed 5 per second");
        answers.Count(a => a.StatusCode == HttpStatusCode.NotFound).ShouldBeGreaterThanOrEqualTo(GatewayCluster.RatePerSecond, "the burst is served");
        await limited[0].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        limited[0].Headers.RetryAfter.ShouldNotBeNull();
        (await cluster.Limited.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK, "probes are never limited");
        foreach (var a in answers) a.Dispose();
    });
}
