using ActorOrders.Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests;

/// <summary>Off loopback without authentication, neither the gateway nor the node starts; each says which setting to set.</summary>
public sealed class StartupRefusalTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Processes _processes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _processes.DisposeAsync();

    [Theory]
    [InlineData("urls", "http://0.0.0.0:0")]
    [InlineData("urls", "http://[::]:0")]
    [InlineData("urls", "http://*:0")]
    [InlineData("http_ports", "0")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://+:0")]
    public Task A_gateway_without_auth_off_loopback_refuses_to_start(string key, string value) => _processes.RunAsync(output, async () =>
    {
        var settings = new Dictionary<string, string?> { [key] = value };
        if (key != "urls") settings["urls"] = null;
        var gateway = _processes.StartGateway(settings);
        (await gateway.ExitCodeAsync(TimeSpan.FromSeconds(30))).ShouldBe(2);
        gateway.Output.ShouldContain(l => l.Contains("refuses to start", StringComparison.Ordinal) && l.Contains("ActorOrders:Auth", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_node_without_auth_off_loopback_refuses_to_start() => _processes.RunAsync(output, async () =>
    {
        var node = _processes.StartNode(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0" });
        await Eventually.Until(() => Task.FromResult(node.HasExited), TimeSpan.FromSeconds(30), "the node exits");
        node.Output.ShouldContain(l => l.Contains("refuses to start", StringComparison.Ordinal) && l.Contains("ActorOrders:Auth", StringComparison.Ordinal));
    });

    [Fact]
    public void With_auth_configured_the_same_listeners_are_allowed()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(GatewayCluster.Auth()) { ["urls"] = "http://0.0.0.0:5081", ["http_ports"] = "8080" })
            .Build();
        var security = Http.Security.ApiSecurityOptions.Load(configuration);

        Http.Security.ListenerGuard.OffLoopback(configuration).Count.ShouldBe(2);
        Should.NotThrow(() => Http.Security.ListenerGuard.Check(configuration, security, "gateway"));
    }
}
