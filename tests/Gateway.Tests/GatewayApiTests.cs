using System.Net;
using System.Text.Json;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>The gateway serves what the node serves: by id, events, listing, cancel; plus request ids, metrics and its docs.</summary>
[Collection(GatewayClusterCollection.Name)]
public sealed class GatewayApiTests(GatewayCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public Task Order_view_events_and_listing_through_the_gateway_equal_the_nodes_own() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("same");
        var customer = OrderApi.NewId("cust");
        (await cluster.A.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id, customer).ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OrderApi.TerminalStatusAsync(cluster.A.Http, id)).ShouldBe("Completed");

        async Task<string> Both(string path, Func<JsonElement, bool>? ready = null)
        {
            var viaGateway = await Eventually.Value(
                async () => await (await cluster.B.Http.GetAsync(path)).JsonAsync(), ready ?? (_ => true), TimeSpan.FromSeconds(15), $"{path} is ready");
            using var direct = await cluster.Node.Http.SendAsync(OrderApi.Get(path, GatewayCluster.ShopKey));
            // Equal as JSON (the escaping of a character may differ: the gateway re-writes the node's event JSON).
            var nodes = (await direct.JsonAsync()).GetRawText();
            System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(nodes), System.Text.Json.Nodes.JsonNode.Parse(viaGateway.GetRawText()))
                .ShouldBeTrue($"{path}\nnode:    {nodes}\ngateway: {viaGateway.GetRawText()}");
            return viaGateway.GetRawText();
        }

        await Both($"/orders/{id}");
        (await Both($"/orders/{id}/events")).ShouldContain("OrderCompleted");
        await Both($"/orders?customerId={customer}", page => page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("status").GetString() == "Completed"));
    });

    [Fact]
    public Task Unknown_ids_are_404_problems_on_every_by_id_endpoint() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("nobody");
        await (await cluster.A.Http.GetAsync($"/orders/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.A.Http.GetAsync($"/orders/{id}/events")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.B.Http.PostAsync($"/orders/{id}/cancel", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.B.Http.PostAsync($"/orders/{id}/retry", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await cluster.B.Http.GetAsync("/orders?bogus=1")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var noSuchPath = await cluster.B.Http.GetAsync("/no-such-path");
        await noSuchPath.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        noSuchPath.Headers.Contains("X-Request-Id").ShouldBeTrue();
    });

    [Fact]
    public Task Cancel_through_the_gateway_reaches_the_order() => cluster.RunAsync(output, async () =>
    {
        // A payment that never answers keeps the order in AwaitingPayment long enough to cancel it
        // (its refund does not answer either, so the order stays Compensating: the cancellation is what counts).
        var id = OrderApi.NewId("cancel");
        (await cluster.A.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id, "noreply-1").ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var cancel = await cluster.B.Http.PostAsync($"/orders/{id}/cancel", new StringContent("""{"reason":"changed my mind"}""", System.Text.Encoding.UTF8, "application/json"));
        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var view = await (await cluster.A.Http.GetAsync($"/orders/{id}")).JsonAsync();
        view.GetProperty("status").GetString().ShouldBeOneOf("Compensating", "Cancelled");
    });

    [Fact]
    public Task Every_response_carries_a_request_id_the_callers_when_it_sent_one() => cluster.RunAsync(output, async () =>
    {
        using var mine = OrderApi.Get("/orders/whoever");
        mine.Headers.Add("X-Request-Id", "my-request-42");
        using var echoed = await cluster.A.Http.SendAsync(mine);
        echoed.Headers.GetValues("X-Request-Id").ShouldBe(["my-request-42"]);
        (await echoed.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("requestId").GetString().ShouldBe("my-request-42");

        using var fresh = await cluster.A.Http.GetAsync("/health/live");
        fresh.Headers.GetValues("X-Request-Id").Single().ShouldNotBeNullOrWhiteSpace();
    });

    [Fact]
    public Task Metrics_count_requests_by_route_template_never_by_order_id() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("metric");
        (await cluster.A.Http.GetAsync($"/orders/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var text = await cluster.A.Http.GetStringAsync("/metrics");

        text.ShouldContain("actororders_http_requests_total{route=\"/orders/{id}\",method=\"GET\",status=\"404\"}");
        text.ShouldContain("actororders_http_request_duration_seconds_bucket{route=\"/orders/{id}\"");
        text.ShouldContain("actororders_http_requests_in_flight");
        text.ShouldContain("actororders_http_asks_timed_out_total");
        text.ShouldNotContain(id);
    });

    [Fact]
    public Task The_openapi_document_has_summaries_and_security_schemes_and_the_docs_ui_needs_no_cdn() => cluster.RunAsync(output, async () =>
    {
        var doc = JsonDocument.Parse(await cluster.A.Http.GetStringAsync("/openapi/v1.json")).RootElement;
        doc.GetProperty("paths").GetProperty("/orders").GetProperty("post").GetProperty("summary").GetString().ShouldBe("Place an order");
        doc.GetProperty("paths").GetProperty("/orders/{id}").GetProperty("get").GetProperty("summary").GetString().ShouldNotBeNullOrEmpty();
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        schemes.GetProperty("ApiKey").GetProperty("name").GetString().ShouldBe("X-Api-Key");
        schemes.GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");

        var page = await cluster.A.Http.GetStringAsync("/docs/");
        page.ShouldContain("<script");
        System.Text.RegularExpressions.Regex.Matches(page, "(src|href)=\"(https?:)?//").ShouldBeEmpty("every script and style is served by the gateway");
        using var script = await cluster.A.Http.GetAsync("/docs/scalar.js");
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
    });
}
