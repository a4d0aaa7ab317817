namespace ActorOrders.ParticipantsHost.Settings;

/// <summary>
/// What a deployment of the participants host may change: section "ActorOrders", with the same key names
/// as the node where they mean the same thing (Cluster:*, Participants:MinLatency/MaxLatency/FailureRate).
/// </summary>
public sealed class HostSettings
{
    public const string Section = "ActorOrders";

    /// <summary>The HTTP address when Urls / ASPNETCORE_URLS / --urls say nothing.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5070";

    public HostClusterSettings Cluster { get; set; } = new();
    public HostParticipantsSettings Participants { get; set; } = new();
    public HostHttpSettings Http { get; set; } = new();
}

/// <summary>Membership of the orders' cluster.</summary>
public sealed class HostClusterSettings
{
    /// <summary>Where a node started on its defaults listens (it seeds itself there).</summary>
    public const string DefaultSeedHostPort = "127.0.0.1:4053";

    /// <summary>The role of this member: never hosts order shards, never votes in the split brain resolver.</summary>
    public const string Role = "participants";

    /// <summary>Actor system name: the same as the nodes'.</summary>
    public string SystemName { get; set; } = "ActorOrders";

    /// <summary>Address Akka.Remote binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Address other members use (defaults to <see cref="Hostname"/>).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>Akka.Remote port; 0 = any free port.</summary>
    public int Port { get; set; }

    /// <summary>The nodes to join (akka.tcp://System@host:port); empty = the default node, akka.tcp://{SystemName}@127.0.0.1:4053.</summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>Split brain resolver's stable-after, the same as the nodes' (this member decides when it is the leader).</summary>
    public TimeSpan SplitBrainStableAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of a graceful stop (cluster leave).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The seeds to join: the configured ones, or the default node's address.</summary>
    public IReadOnlyList<string> EffectiveSeedNodes => SeedNodes.Count > 0 ? SeedNodes : [$"akka.tcp://{SystemName}@{DefaultSeedHostPort}"];
}

/// <summary>How the simulators behave (the node's ActorOrders:Participants:* keys).</summary>
public sealed class HostParticipantsSettings
{
    public TimeSpan MinLatency { get; set; } = TimeSpan.FromMilliseconds(5);
    public TimeSpan MaxLatency { get; set; } = TimeSpan.FromMilliseconds(25);
    public double FailureRate { get; set; }
}

/// <summary>The host's HTTP endpoints.</summary>
public sealed class HostHttpSettings
{
    /// <summary>How long a ledger or heal request waits for the simulators before 503.</summary>
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
