using ActorOrders.Membership;

namespace ActorOrders.Node.Settings;

/// <summary>How a node finds the cluster it belongs to (ActorOrders:Cluster:Formation).</summary>
public enum ClusterFormation
{
    /// <summary>A cluster of one: the node joins itself (the embedded default). Refuses seed nodes.</summary>
    Alone,

    /// <summary>
    /// Static seed nodes (Cluster:SeedNodes): the first listed forms the cluster when no other seed answers,
    /// every other node only ever joins. Refuses an empty list and one that names only this node.
    /// </summary>
    Seeds,

    /// <summary>Akka.Management Cluster Bootstrap: contact points from service discovery (Cluster:Bootstrap).</summary>
    Bootstrap,
}

/// <summary>Where Cluster Bootstrap finds its contact points.</summary>
public enum BootstrapDiscovery
{
    /// <summary>The Kubernetes API: pods matching Cluster:Bootstrap:PodLabelSelector in the node's namespace (RBAC: get/watch/list pods).</summary>
    Kubernetes,

    /// <summary>A fixed list of management endpoints (Cluster:Bootstrap:ContactPoints): loopback, docker-compose.</summary>
    Config,
}

/// <summary>Akka.Cluster membership, remoting and its security, the split brain resolver and the graceful stop.</summary>
public sealed class ClusterSettings : MembershipSettings
{
    /// <summary>Name of the actor system; every node of a cluster uses the same.</summary>
    public string SystemName { get; set; } = "ActorOrders";

    /// <summary>Akka.Remote port; 0 picks a free port (tests).</summary>
    public int Port { get; set; } = 4053;

    /// <summary>
    /// How the node finds its cluster. Unset: <see cref="ClusterFormation.Alone"/> without seed nodes,
    /// <see cref="ClusterFormation.Seeds"/> with them. Deployments set it explicitly, so a missing seed list
    /// stops the node instead of letting it found a cluster of its own.
    /// </summary>
    public ClusterFormation? Formation { get; set; }

    /// <summary>Seed node addresses (akka.tcp://System@host:port), the same list on every node (Formation Seeds).</summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>Cluster Bootstrap (Formation Bootstrap).</summary>
    public BootstrapSettings Bootstrap { get; set; } = new();

    /// <summary>Akka.Management's HTTP endpoint, which Cluster Bootstrap probes (Formation Bootstrap only).</summary>
    public ManagementSettings Management { get; set; } = new();

    /// <summary>
    /// After SIGTERM: readiness answers 503 at once, and HTTP goes on serving for this long so load
    /// balancers take the node out of rotation before it stops accepting; then shards hand off and the node leaves.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Deadline of a graceful stop (drain, HTTP requests in flight, shard handoff, cluster leave); the process stops then anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The formation in force (see <see cref="Formation"/>).</summary>
    public ClusterFormation EffectiveFormation => Formation ?? (SeedNodes.Count > 0 ? ClusterFormation.Seeds : ClusterFormation.Alone);

    /// <summary>The host other nodes' bootstrap probes dial for this node's contact point.</summary>
    public string ManagementPublicHostname =>
        !string.IsNullOrWhiteSpace(Management.PublicHostname) ? Management.PublicHostname
        : !string.IsNullOrWhiteSpace(PublicHostname) ? PublicHostname
        : !string.IsNullOrWhiteSpace(Management.Hostname) ? Management.Hostname
        : Hostname;
}

/// <summary>Akka.Management Cluster Bootstrap: discover contact points, probe them, join or (lowest address, none in a cluster) form.</summary>
public sealed class BootstrapSettings
{
    /// <summary>Where contact points come from.</summary>
    public BootstrapDiscovery Discovery { get; set; } = BootstrapDiscovery.Kubernetes;

    /// <summary>The service looked up; on Kubernetes it fills <see cref="PodLabelSelector"/>'s {0}.</summary>
    public string ServiceName { get; set; } = "actororders-node";

    /// <summary>Contact points that must be discovered before a new cluster may be formed: the replica count.</summary>
    public int RequiredContactPoints { get; set; } = 3;

    /// <summary>
    /// May the bootstrap form a new cluster when no contact point is in one? On for the first deployment;
    /// off once the cluster runs, so nodes started while every other is gone wait instead of founding a second cluster.
    /// </summary>
    public bool NewClusterEnabled { get; set; } = true;

    /// <summary>How long the discovered contact points must stay the same before a decision.</summary>
    public TimeSpan StableMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Config discovery: the nodes' management endpoints, host:port each.</summary>
    public List<string> ContactPoints { get; set; } = [];

    /// <summary>Kubernetes discovery: label selector of the node pods ({0} = <see cref="ServiceName"/>).</summary>
    public string PodLabelSelector { get; set; } = "app.kubernetes.io/name={0}";

    /// <summary>Kubernetes discovery: namespace of the pods; empty = the node's own (from its service account).</summary>
    public string? PodNamespace { get; set; }

    /// <summary>Kubernetes discovery: name of the container port that serves management.</summary>
    public string PortName { get; set; } = "management";
}

/// <summary>Akka.Management's HTTP server: only Cluster Bootstrap's routes, no authentication — keep it on the private network.</summary>
public sealed class ManagementSettings
{
    /// <summary>Interface it binds; empty = Cluster:Hostname.</summary>
    public string? Hostname { get; set; }

    /// <summary>Address other nodes probe; empty = Cluster:PublicHostname (or the bind address).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Its port (8558 is Akka's default).</summary>
    public int Port { get; set; } = 8558;
}
