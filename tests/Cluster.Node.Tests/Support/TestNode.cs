using ActorOrders.Node.Wiring;
using ActorOrders.Participants;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Support;

/// <summary>A real node in this process: Kestrel on 127.0.0.1 with a free port, Akka on a free port, the given store.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestNode(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a node on <paramref name="store"/>; <paramref name="participants"/> replaces the node's own simulators;
    /// <paramref name="customize"/> runs last on the builder (e.g. a log capture).
    /// </summary>
    public static async Task<TestNode> StartAsync(
        StoreConfig store,
        SimulatedParticipants? participants = null,
        IDictionary<string, string?>? overrides = null,
        Action<WebApplicationBuilder>? customize = null)
    {
        var settings = new Dictionary<string, string?>(NodeConfig.Defaults);
        foreach (var (k, v) in store.Settings) settings[k] = v;
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;

        var app = Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            if (participants is not null) builder.Services.AddSingleton<IParticipantsProvider>(new ExistingParticipants(participants));
            customize?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var node = new TestNode(app, new Uri(address));
        await node.WaitUntilReadyAsync();
        return node;
    }

    /// <summary>Stops the host the way SIGTERM does (CoordinatedShutdown: handoff, leave).</summary>
    public async Task StopAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await _app.StopAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync() =>
        await Eventually.Until(async () => (await Http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the node is ready");
}
