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

    [Theory]
    [InlineData("ActorOrders:Cluster:Hostname", "0.0.0.0")]
    [InlineData("ActorOrders:Cluster:PublicHostname", "gateway.example")]
    public Task A_gateway_with_plaintext_remoting_off_loopback_refuses_to_start_in_one_line_naming_the_allowance(string key, string value) => _processes.RunAsync(output, async () =>
    {
        var gateway = _processes.StartGateway(new Dictionary<string, string?> { [key] = value });
        (await gateway.ExitCodeAsync(TimeSpan.FromSeconds(30))).ShouldBe(2);
        gateway.Output.Count(l => l.Contains("ActorOrders:Cluster:AllowPlaintextRemoting must be true", StringComparison.Ordinal)).ShouldBe(1);
    });

    [Fact]
    public void A_gateway_off_loopback_builds_with_plaintext_allowed_and_refuses_a_missing_TLS_file_naming_the_key()
    {
        static void Build(Dictionary<string, string?> settings)
        {
            using var app = Gateway.Program.Build([], b => b.Configuration.AddInMemoryCollection(settings));
        }

        Should.NotThrow(() => Build(new() { ["ActorOrders:Cluster:Hostname"] = "0.0.0.0", ["ActorOrders:Cluster:AllowPlaintextRemoting"] = "true" }));
        var error = Should.Throw<ActorOrders.Http.Security.ConfigurationRefusedException>(() => Build(new()
        {
            ["ActorOrders:Cluster:Hostname"] = "0.0.0.0",
            ["ActorOrders:Cluster:Tls:Enabled"] = "true",
            ["ActorOrders:Cluster:Tls:CertificatePath"] = "/nonexistent/tls.crt",
        }));
        error.Message.ShouldContain("ActorOrders:Cluster:Tls:CertificatePath names no file ('/nonexistent/tls.crt')");
    }

    [Fact]
    public Task A_node_without_auth_off_loopback_refuses_to_start() => _processes.RunAsync(output, async () =>
    {
        var node = _processes.StartNode(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:0" });
        await Eventually.Until(() => Task.FromResult(node.HasExited), TimeSpan.FromSeconds(30), "the node exits");
        node.Output.ShouldContain(l => l.Contains("refuses to start", StringComparison.Ordinal) && l.Contains("ActorOrders:Auth", StringComparison.Ordinal));
    });

    [Theory]
    [InlineData("gateway", "http_ports")]
    [InlineData("gateway", "https_ports")]
    [InlineData("node", "http_ports")]
    public async Task With_auth_configured_the_ports_variables_are_honoured_not_replaced_by_the_default_url(string process, string key)
    {
        // The node opens its SQLite file while it is built: one of its own, not the output folder's data/.
        var folder = Directory.CreateTempSubdirectory("actororders-ports-");
        var settings = new Dictionary<string, string?>(GatewayCluster.Auth())
        {
            [key] = "8080",
            ["ActorOrders:Persistence:ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "journal.db")}",
        };
        void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder b) => b.Configuration.AddInMemoryCollection(settings);

        try
        {
            await using var app = process == "gateway" ? Gateway.Program.Build([], Configure) : Node.Program.Build([], Configure);

            // A default URL is set as "urls", which Kestrel prefers to ASPNETCORE_HTTP_PORTS / HTTPS_PORTS.
            app.Configuration["urls"].ShouldBeNullOrEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

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
