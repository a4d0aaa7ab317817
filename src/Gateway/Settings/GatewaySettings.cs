using ActorOrders.Membership;

namespace ActorOrders.Gateway.Settings;

/// <summary>What a deployment may change, bound from the "ActorOrders" section (command line, ACTORORDERS__* environment variables).</summary>
public sealed class GatewaySettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ActorOrders";

    /// <summary>Where the gateway serves unless Urls / ASPNETCORE_URLS / --urls or ASPNETCORE_HTTP(S)_PORTS say otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    public GatewayClusterSettings Cluster { get; set; } = new();
    public GatewayShardingSettings Sharding { get; set; } = new();
    public GatewayHttpSettings Http { get; set; } = new();
}

/// <summary>Membership: the gateway joins the nodes' cluster with role <see cref="Role"/> (remoting security and timings: <see cref="MembershipSettings"/>, the nodes' values).</summary>
public sealed class GatewayClusterSettings : MembershipSettings
{
    /// <summary>The gateway's cluster role; nodes have role "node".</summary>
    public const string Role = "gateway";

    /// <summary>The seed of a node started on its defaults.</summary>
    public const string DefaultSeed = "akka.tcp://ActorOrders@127.0.0.1:4053";

    /// <summary>Name of the actor system; the same as the nodes'.</summary>
    public string SystemName { get; set; } = "ActorOrders";

    /// <summary>Akka.Remote port; 0 (the default) picks a free one, so several gateways run side by side.</summary>
    public int Port { get; set; }

    /// <summary>Seed node addresses; empty means <see cref="DefaultSeed"/>.</summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>The seeds in force.</summary>
    public IReadOnlyList<string> EffectiveSeedNodes => SeedNodes.Count > 0 ? SeedNodes : [DefaultSeed];

    /// <summary>Deadline of a graceful stop.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>The shard region proxy's routing; must equal the nodes'.</summary>
public sealed class GatewayShardingSettings
{
    /// <summary>The nodes' ActorOrders:Sharding:NumberOfShards (a different value would send orders to the wrong shard).</summary>
    public int NumberOfShards { get; set; } = 100;
}

/// <summary>The HTTP API.</summary>
public sealed class GatewayHttpSettings
{
    /// <summary>How long a request waits for the cluster before 503.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Order requests in progress at once; more get 503.</summary>
    public int MaxInFlight { get; set; } = 1000;

    /// <summary>Largest accepted request body in bytes (the node's default too); larger get 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
