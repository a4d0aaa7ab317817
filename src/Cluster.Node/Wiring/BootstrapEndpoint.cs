using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using ClusterSettings = ActorOrders.Node.Settings.ClusterSettings;
using Akka.Management.Cluster.Bootstrap;
using Akka.Management.Cluster.Bootstrap.ContactPoint;
using Akka.Management.Dsl;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// The contact point of Cluster Bootstrap: GET /bootstrap/seed-nodes on Cluster:Management (host:port), served
/// by a small Kestrel host of its own, after which this node's bootstrap starts.
/// </summary>
/// <remarks>
/// Akka.Management's own HTTP server cannot run with the packages served here: Akka.Http.Shim 1.5.73 was built
/// against Ceen.Httpd 0.9.9, the mirror has only 0.9.10, whose HttpServer.ListenAsync takes an EndPoint instead
/// of an IPEndPoint, so starting it throws MissingMethodException. Bootstrap itself needs only the one route
/// (its probes are plain HttpClient GETs) and its self contact point, which <see cref="ClusterBootstrap.Routes"/>
/// records: both are given here, and Akka.Management's server is never started.
/// </remarks>
internal sealed class BootstrapEndpoint(IServiceProvider node, ClusterSettings settings, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The route Cluster Bootstrap's probes ask (HttpClusterBootstrapRoutes).</summary>
    public const string SeedNodesPath = "/bootstrap/seed-nodes";

    private readonly ILogger _log = loggers.CreateLogger<BootstrapEndpoint>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var system = node.GetRequiredService<ActorSystem>();
        var m = settings.Management;
        var bindHost = string.IsNullOrWhiteSpace(m.Hostname) ? settings.Hostname : m.Hostname;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls($"http://{Bracketed(bindHost)}:{m.Port}");
        builder.Services
            .AddSingleton<ILoggerFactory>(new WithoutLifetimeMessages(loggers))
            .AddSingleton<IHostLifetime, NodeOwnedLifetime>()
            .AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        var maxSeeds = system.Settings.Config.GetInt("akka.management.cluster.bootstrap.contact-point.max-seed-nodes-to-expose", 5);
        app.MapGet(SeedNodesPath, () => Results.Text(SeedNodesJson(Akka.Cluster.Cluster.Get(system), maxSeeds), "application/json"));
        await app.StartAsync(cancellationToken);
        _app = app;

        var self = new Uri($"http://{Bracketed(settings.ManagementPublicHostname)}:{m.Port}/");
        _log.LogInformation("Cluster Bootstrap contact point on {Urls} (advertised as {Self}); discovering nodes through {Discovery}", string.Join(", ", app.Urls), self, settings.Bootstrap.Discovery);
        var bootstrap = ClusterBootstrap.Get(system);
        bootstrap.Routes(ManagementRouteProviderSettings.Create(self, readOnly: true));
        _ = bootstrap.Start().ContinueWith(
            t => _log.LogError(t.Exception, "Cluster Bootstrap failed to start: the node will not join a cluster"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>
    /// What this member tells a probing node: itself, and the members it sees Up, WeaklyUp or Joining and
    /// reachable (none while it leaves or is down), in the JSON the probes parse (Akka.Management's own types).
    /// </summary>
    public static string SeedNodesJson(Akka.Cluster.Cluster cluster, int maxSeeds)
    {
        var self = cluster.SelfMember;
        var state = cluster.State;
        var members = self.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Leaving or MemberStatus.Removed
            ? ImmutableList<HttpBootstrapJsonProtocol.ClusterMember>.Empty
            : state.Members
                .Where(member => !state.Unreachable.Contains(member) && member.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining)
                .Take(maxSeeds)
                .Select(member => new HttpBootstrapJsonProtocol.ClusterMember(member.UniqueAddress.Address, member.UniqueAddress.Uid, member.Status, member.Roles))
                .ToImmutableList();
        // The probes deserialize with Newtonsoft.Json: the same serializer writes it.
        return Newtonsoft.Json.JsonConvert.SerializeObject(new HttpBootstrapJsonProtocol.SeedNodes(self.UniqueAddress.Address, members));
    }

    private static string Bracketed(string host) => host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}

/// <summary>Registration of <see cref="BootstrapEndpoint"/>.</summary>
public static class BootstrapEndpointWiring
{
    /// <summary>With Cluster:Formation Bootstrap: the contact point and the bootstrap's start, once the actor system runs (register after AddAkka).</summary>
    public static IServiceCollection AddClusterBootstrapEndpoint(this IServiceCollection services, ClusterSettings settings)
    {
        if (settings.EffectiveFormation != ClusterFormation.Bootstrap) return services;
        return services.AddHostedService(sp => new BootstrapEndpoint(sp, settings, sp.GetRequiredService<ILoggerFactory>()));
    }
}
