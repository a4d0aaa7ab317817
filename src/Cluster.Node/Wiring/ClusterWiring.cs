using Akka.Discovery.Config.Hosting;
using Akka.Discovery.KubernetesApi;
using Akka.Hosting;
using Akka.Management.Cluster.Bootstrap;
using ActorOrders.Membership;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Wiring;

/// <summary>Remoting (and its TLS), cluster membership (alone, static seeds or Cluster Bootstrap) and the split brain resolver.</summary>
public static class ClusterWiring
{
    /// <summary>
    /// The role of order nodes: they host the order shards, the shard coordinator, the projection
    /// workers and decide in the split brain resolver. Other members (gateway, participants host) have other roles.
    /// </summary>
    public const string NodeRole = MembershipWiring.NodeRole;

    /// <summary>The Akka.Discovery method (its section under akka.discovery) Cluster Bootstrap uses with Config discovery.</summary>
    private const string ConfigDiscoveryMethod = "config";

    /// <summary>The Akka.Discovery method Cluster Bootstrap uses with Kubernetes API discovery.</summary>
    private const string KubernetesDiscoveryMethod = "kubernetes-api";

    public static AkkaConfigurationBuilder AddOrderCluster(this AkkaConfigurationBuilder akka, ClusterSettings settings)
    {
        var configFile = Path.Combine(AppContext.BaseDirectory, "config", "akka.conf");
        var formation = settings.EffectiveFormation;
        akka = akka
            .AddHoconFile(configFile, HoconAddMode.Prepend)
            // Remoting (TLS), failure detector and resolver as on every member; only nodes count in its decision.
            .WithMembership(settings, settings.Port, [NodeRole], formation == ClusterFormation.Seeds ? settings.SeedNodes : null);

        return formation switch
        {
            ClusterFormation.Bootstrap => akka.AddBootstrap(settings),
            ClusterFormation.Alone => akka.WithActors((system, _) =>
            {
                // A cluster of one. Joining SelfAddress (known only once bound, which matters for port 0)
                // keeps the seed list non-empty.
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.JoinSeedNodes([cluster.SelfAddress]);
            }),
            _ => akka,
        };
    }

    /// <summary>
    /// Cluster Bootstrap: the discovery of the other nodes' contact points (Config or the Kubernetes API). Each node
    /// probes them; it joins the seeds one advertises, or, when none is in a cluster and it has the lowest address of
    /// at least RequiredContactPoints, forms the cluster (if NewClusterEnabled). Its contact point and its start are
    /// <see cref="BootstrapEndpoint"/>'s (Akka.Management's HTTP server is never started: see there why).
    /// </summary>
    private static AkkaConfigurationBuilder AddBootstrap(this AkkaConfigurationBuilder akka, ClusterSettings settings)
    {
        var b = settings.Bootstrap;
        akka = akka.WithClusterBootstrap(new ClusterBootstrapOptions
        {
            NewClusterEnabled = b.NewClusterEnabled,
            ContactPointDiscovery =
            {
                ServiceName = b.ServiceName,
                PortName = b.Discovery == BootstrapDiscovery.Kubernetes ? b.PortName : null,
                RequiredContactPointsNr = b.RequiredContactPoints,
                StableMargin = b.StableMargin,
                ContactWithAllContactPoints = true,
                DiscoveryMethod = b.Discovery == BootstrapDiscovery.Config ? ConfigDiscoveryMethod : KubernetesDiscoveryMethod,
            },
            ContactPoint =
            {
                // Its default keeps, of several contact points on one host, only those on the fallback port
                // (8558): on loopback every node shares 127.0.0.1 with a port of its own.
                FilterOnFallbackPort = false,
                FallbackPort = settings.Management.Port,
            },
        }, autoStart: false);

        return b.Discovery switch
        {
            BootstrapDiscovery.Config => akka.WithConfigDiscovery(new ConfigServiceDiscoveryOptions
            {
                Services = [new Service { Name = b.ServiceName, Endpoints = [.. b.ContactPoints] }],
            }),
            _ => akka.WithKubernetesDiscovery(new KubernetesDiscoveryOptions
            {
                PodLabelSelector = b.PodLabelSelector,
                PodNamespace = string.IsNullOrWhiteSpace(b.PodNamespace) ? null : b.PodNamespace,
            }),
        };
    }
}
