using System.Net;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>Idempotency-Key without a shared store: the key names the order, the order decides.</summary>
[Collection(GatewayClusterCollection.Name)]
public sealed class IdempotencyTests(GatewayCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public Task A_hundred_concurrent_posts_with_one_key_create_exactly_one_order() =>
        cluster.RunAsync(output, () => OneOrderFrom(OrderApi.NewId("race"), [cluster.A]));

    [Fact]
    public Task A_hundred_concurrent_posts_with_one_key_spread_over_two_gateways_create_exactly_one_order() =>
        cluster.RunAsync(output, () => OneOrderFrom(OrderApi.NewId("race2"), [cluster.A, cluster.B]));

    [Fact]
    public Task The_same_key_with_another_body_is_422_and_changes_nothing() => cluster.RunAsync(output, async () =>
    {
        var key = OrderApi.NewId("reuse");
        using var first = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body().WithoutId().ToJsonString(), key));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var other = await cluster.B.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(customerId: "bob").WithoutId().ToJsonString(), key));
        (await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain(key);
        (await (await cluster.A.Http.GetAsync($"/orders/{key}")).JsonAsync()).GetProperty("customerId").GetString().ShouldBe("alice");
    });

    [Fact]
    public Task An_explicit_order_id_placed_with_another_body_is_409() => cluster.RunAsync(output, async () =>
    {
        var id = OrderApi.NewId("taken");
        using var first = await cluster.A.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id).ToJsonString()));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var other = await cluster.B.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id, customerId: "bob").ToJsonString(), OrderApi.NewId("k")));
        await other.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    });

    [Fact]
    public Task Keys_are_scoped_per_client() => cluster.RunAsync(output, async () =>
    {
        var key = OrderApi.NewId("shared");
        using var shop = await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(customerId: "alice").WithoutId().ToJsonString(), key, GatewayCluster.ShopKey));
        using var alice = await cluster.Secured.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(customerId: "alice").WithoutId().ToJsonString(), key, GatewayCluster.AliceKey));

        shop.StatusCode.ShouldBe(HttpStatusCode.Created);
        alice.StatusCode.ShouldBe(HttpStatusCode.Created);
        alice.Headers.Contains("Idempotent-Replayed").ShouldBeFalse("another client's key is another order");
        var shopId = (await shop.JsonAsync()).GetProperty("orderId").GetString();
        var aliceId = (await alice.JsonAsync()).GetProperty("orderId").GetString();
        shopId.ShouldNotBe(aliceId);
        shopId.ShouldNotBe(key, "an authenticated client's key is not used as the id itself");
    });

    private async Task OneOrderFrom(string key, IReadOnlyList<GatewayProcess> gateways)
    {
        var json = OrderApi.Body().WithoutId().ToJsonString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async n =>
        {
            using var response = await gateways[n % gateways.Count].Http.SendAsync(OrderApi.Post("/orders", json, key));
            return (response.StatusCode, Replayed: response.Headers.Contains("Idempotent-Replayed"), Body: await response.Content.ReadAsStringAsync());
        }));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created, string.Join("\n", answers.Where(a => a.StatusCode != HttpStatusCode.Created).Take(3)));
        answers.Count(a => !a.Replayed).ShouldBe(1, "exactly one answer created the order; the others are replays");
        answers.Select(a => a.Body).Distinct().ShouldHaveSingleItem("every replay repeats the first body");

        // One order, placed once: its history holds a single OrderPlaced, whichever gateway asks.
        using var events = await gateways[^1].Http.GetAsync($"/orders/{key}/events");
        events.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await events.JsonAsync()).EnumerateArray().Count(e => e.GetProperty("type").GetString() == "OrderPlaced").ShouldBe(1);
    }
}
