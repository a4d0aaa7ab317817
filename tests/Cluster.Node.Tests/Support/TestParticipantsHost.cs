using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using ActorOrders.Participants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Support;

/// <summary>The participants host (src/Participants.Host) in this process: Kestrel and Akka on free ports, joining a node.</summary>
public sealed class TestParticipantsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestParticipantsHost(WebApplication app, Uri address)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Http { get; }

    /// <summary>Starts the host joining <paramref name="seed"/> (a node's address) and waits until it is a member that is Up.</summary>
    public static async Task<TestParticipantsHost> StartAsync(Akka.Actor.Address seed, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["ActorOrders:Cluster:Port"] = "0",
            ["ActorOrders:Cluster:SeedNodes:0"] = seed.ToString(),
            ["ActorOrders:Participants:MinLatency"] = "00:00:00",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:00.005",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;

        var app = ActorOrders.ParticipantsHost.Program.Build([], builder => builder.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new TestParticipantsHost(app, new Uri(address));
        await Eventually.Until(async () => (await host.Http.GetAsync("/health/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the participants host is ready");
        return host;
    }

    /// <summary>
    /// Waits until the mediator of <paramref name="nodeSystem"/> routes to all three simulators: each answers an
    /// Identify sent through it the way the node's forwarders send requests.
    /// </summary>
    public static Task WaitUntilReachableFrom(ActorSystem nodeSystem) =>
        Eventually.Until(async () =>
        {
            var mediator = DistributedPubSub.Get(nodeSystem).Mediator;
            var paths = Simulators.PathsUnderSystem();
            try
            {
                foreach (var path in new[] { paths.Payment, paths.Inventory, paths.Shipping })
                    await mediator.Ask<ActorIdentity>(new Send(path, new Identify(path), localAffinity: false), TimeSpan.FromMilliseconds(500));
                return true;
            }
            catch (AskTimeoutException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the node reaches the participants host's simulators through DistributedPubSub");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
    }
}
