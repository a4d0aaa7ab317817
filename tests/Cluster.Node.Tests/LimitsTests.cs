using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>Overload and slowness become 503 problems with Retry-After, never a hang or a 500.</summary>
public sealed class LimitsTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public async Task An_order_that_does_not_answer_within_the_ask_timeout_is_a_503_with_retry_after()
    {
        // One millisecond is less than any durable write takes, so placing cannot answer in time.
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?> { ["ActorOrders:Http:AskTimeout"] = "00:00:00.001" });

        using var response = await node.Http.PlaceAsync(OrderApi.Body(OrderApi.NewId()));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Requests_beyond_the_in_flight_bound_are_refused_at_once_with_503()
    {
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?> { ["ActorOrders:Http:MaxInFlight"] = "1" });

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => node.Http.PlaceAsync(OrderApi.Body(OrderApi.NewId()))));

        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        refused.ShouldNotBeEmpty("30 concurrent placements against a bound of 1");
        refused.ShouldAllBe(r => r.Headers.RetryAfter != null);
        (await refused[0].JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("in progress");
        responses.Except(refused).ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        foreach (var r in responses) r.Dispose();
    }

    public void Dispose() => _sqlite.Dispose();
}
