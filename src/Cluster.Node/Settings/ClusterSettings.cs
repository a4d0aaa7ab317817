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
public sealed class ClusterSettings
{
    /// <summary>Name of the actor system; every node of a cluster uses the same.</summary>
    public string SystemName { get; set; } = "ActorOrders";

    /// <summary>Address Akka.Remote binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Address other nodes use to reach this one (defaults to <see cref="Hostname"/>).</summary>
    public string? PublicHostname { get; set; }

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

    /// <summary>TLS of Akka.Remote.</summary>
    public RemotingTlsSettings Tls { get; set; } = new();

    /// <summary>
    /// Lets remoting run without TLS on an address other than loopback. Off: such a node refuses to start,
    /// since anyone who reaches the port can join the cluster and send it any message.
    /// </summary>
    public bool AllowPlaintextRemoting { get; set; }

    /// <summary>How long membership must be stable before the split brain resolver downs unreachable nodes.</summary>
    public TimeSpan SplitBrainStableAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Heartbeats a member may miss for this long before it is marked unreachable (the failure detector's acceptable pause).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// After SIGTERM: readiness answers 503 at once, and HTTP goes on serving for this long so load
    /// balancers take the node out of rotation before it stops accepting; then shards hand off and the node leaves.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Deadline of a graceful stop (drain, HTTP requests in flight, shard handoff, cluster leave); the process stops then anyway.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The formation in force (see <see cref="Formation"/>).</summary>
    public ClusterFormation EffectiveFormation => Formation ?? (SeedNodes.Count > 0 ? ClusterFormation.Seeds : ClusterFormation.Alone);

    /// <summary>The address other members use for this node.</summary>
    public string EffectivePublicHostname => string.IsNullOrWhiteSpace(PublicHostname) ? Hostname : PublicHostname;

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

/// <summary>TLS for Akka.Remote: every member presents a certificate, and accepts only peers whose certificate chains to <see cref="CaPath"/>.</summary>
public sealed class RemotingTlsSettings
{
    public bool Enabled { get; set; }

    /// <summary>The node's certificate: PEM (with <see cref="KeyPath"/>) or PKCS#12 (.pfx/.p12, with <see cref="CertificatePassword"/>), from a mounted secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 file; from the environment (ActorOrders__Cluster__Tls__CertificatePassword), never a file of the repository.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM of the certificate authority the peers' certificates must chain to; empty = the system's trust store.</summary>
    public string? CaPath { get; set; }

    /// <summary>Both sides of a connection present a certificate (mutual TLS).</summary>
    public bool RequireMutualAuthentication { get; set; } = true;

    /// <summary>Check the peer's certificate names the host dialled (per-node certificates with DNS names).</summary>
    public bool ValidateHostname { get; set; }
}
