using System.Diagnostics;
using System.Net;
using ActorOrders.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>The node dies under the gateway: fast 503s, the downed gateway exits non-zero, and both come back.</summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Processes _processes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _processes.DisposeAsync();

    [Fact]
    public Task When_the_node_dies_requests_get_503_at_once_the_gateway_exits_non_zero_and_a_new_pair_serves_again() => _processes.RunAsync(output, async () =>
    {
        var node = _processes.StartNode();
        await node.WaitReadyAsync();
        var gateway = _processes.StartGateway();
        await gateway.WaitReadyAsync();
        var id = OrderApi.NewId("survivor");
        (await gateway.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(id).ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OrderApi.TerminalStatusAsync(gateway.Http, id)).ShouldBe("Completed");

        node.Kill();

        // Every request is answered 503 with Retry-After, each well within the ask timeout: the gateway
        // knows from the dropped connection that the node is gone and does not wait for it.
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 20; i++)
        {
            var clock = Stopwatch.StartNew();
            using var request = OrderApi.Get(i % 2 == 0 ? $"/orders/{id}" : "/orders");
            request.Headers.Add("X-Request-Id", $"outage-{i}");
            using var response = await gateway.Http.SendAsync(request);
            clock.Stop();
            output.WriteLine($"request {i} after the kill: {(int)response.StatusCode} in {clock.Elapsed.TotalMilliseconds:0} ms");
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter.ShouldNotBeNull();
            response.Headers.GetValues("X-Request-Id").ShouldBe([$"outage-{i}"]);
        }

        output.WriteLine($"slowest 503 after the kill: {slowest.TotalMilliseconds:0} ms");
        slowest.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        // The request id is in the gateway's log with the 503.
        await Eventually.Until(() => Task.FromResult(gateway.Output.Any(l => l.Contains("outage-3", StringComparison.Ordinal))), TimeSpan.FromSeconds(5), "the request id is logged");

        // Alone with the node gone, the split brain resolver downs the gateway: it exits non-zero, for its supervisor.
        (await gateway.ExitCodeAsync(TimeSpan.FromSeconds(30))).ShouldBe(3);

        var restarted = _processes.StartNode();
        await restarted.WaitReadyAsync();
        var again = _processes.StartGateway();
        await again.WaitReadyAsync();
        using var read = await again.Http.GetAsync($"/orders/{id}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.JsonAsync()).GetProperty("status").GetString().ShouldBe("Completed");
        var next = OrderApi.NewId("after");
        (await again.Http.SendAsync(OrderApi.Post("/orders", OrderApi.Body(next).ToJsonString()))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await OrderApi.TerminalStatusAsync(again.Http, next)).ShouldBe("Completed");
    });

    [Fact]
    public Task A_gateway_stopped_with_sigterm_leaves_and_exits_0() => _processes.RunAsync(output, async () =>
    {
        var node = _processes.StartNode();
        await node.WaitReadyAsync();
        var gateway = _processes.StartGateway();
        await gateway.WaitReadyAsync();

        await gateway.StopAsync(TimeSpan.FromSeconds(20));

        (await gateway.ExitCodeAsync(TimeSpan.FromSeconds(1))).ShouldBe(0);
        // The node saw it leave: it is still ready, with no unreachable member to wait for.
        (await node.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    });
}
