using ActorOrders.Membership;
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
    public HostKafkaSettings Kafka { get; set; } = new();
}

/// <summary>How the nodes' requests reach the simulators.</summary>
public enum ParticipantsTransport
{
    /// <summary>The host joins the orders' cluster (role participants); nodes in Remote mode send through DistributedPubSub.</summary>
    Cluster,

    /// <summary>
    /// The host consumes the participants' command topics and produces the replies, as the other teams' services
    /// would; nodes in Kafka mode (<c>Participants:Mode=Kafka</c>, <c>HostSimulators=false</c>) reach it through the
    /// brokers only. The host joins no cluster then.
    /// </summary>
    Kafka,
}

/// <summary>The Kafka transport (<see cref="ParticipantsTransport.Kafka"/>): the node's key names where they mean the same.</summary>
public sealed class HostKafkaSettings
{
    /// <summary>The brokers; required with the Kafka transport unless <see cref="BootstrapFile"/> names a file that holds them.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// A file holding the brokers' addresses, read when <see cref="BootstrapServers"/> is empty: a node on its
    /// embedded broker writes its own to <c>data/kafka-bootstrap.txt</c>.
    /// </summary>
    public string BootstrapFile { get; set; } = "";

    /// <summary>Any librdkafka property for every client (SASL/SSL included), e.g. <c>Client:security.protocol</c>.</summary>
    public Dictionary<string, string> Client { get; set; } = [];

    /// <summary>The group of the command topics' consumer (the name a node hosting the simulators uses too).</summary>
    public string ConsumerGroup { get; set; } = "actororders-participants";

    /// <summary>Topic names, the node's defaults.</summary>
    public HostKafkaTopics Topics { get; set; } = new();

    /// <summary>The brokers: <see cref="BootstrapServers"/>, else the first line of <see cref="BootstrapFile"/>, else null.</summary>
    public string? EffectiveBootstrapServers()
    {
        if (!string.IsNullOrWhiteSpace(BootstrapServers)) return BootstrapServers.Trim();
        if (string.IsNullOrWhiteSpace(BootstrapFile) || !File.Exists(BootstrapFile)) return null;
        var first = File.ReadLines(BootstrapFile).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        return string.IsNullOrEmpty(first) ? null : first;
    }
}

/// <summary>The participants' command and reply topics (the node's <c>Kafka:Topics:*</c> keys).</summary>
public sealed class HostKafkaTopics
{
    public string PaymentsCommands { get; set; } = "payments.commands";
    public string PaymentsEvents { get; set; } = "payments.events";
    public string InventoryCommands { get; set; } = "inventory.commands";
    public string InventoryEvents { get; set; } = "inventory.events";
    public string ShippingCommands { get; set; } = "shipping.commands";
    public string ShippingEvents { get; set; } = "shipping.events";
}

/// <summary>Membership of the orders' cluster (remoting security and timings: <see cref="MembershipSettings"/>, the nodes' values).</summary>
public sealed class HostClusterSettings : MembershipSettings
{
    /// <summary>Where a node started on its defaults listens (it seeds itself there).</summary>
    public const string DefaultSeedHostPort = "127.0.0.1:4053";

    /// <summary>The role of this member: never hosts order shards, never votes in the split brain resolver.</summary>
    public const string Role = "participants";

    /// <summary>Actor system name: the same as the nodes'.</summary>
    public string SystemName { get; set; } = "ActorOrders";

    /// <summary>Akka.Remote port; 0 = any free port.</summary>
    public int Port { get; set; }

    /// <summary>The nodes to join (akka.tcp://System@host:port); empty = the default node, akka.tcp://{SystemName}@127.0.0.1:4053.</summary>
    public List<string> SeedNodes { get; set; } = [];

    /// <summary>Deadline of a graceful stop (cluster leave).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The seeds to join: the configured ones, or the default node's address.</summary>
    public IReadOnlyList<string> EffectiveSeedNodes => SeedNodes.Count > 0 ? SeedNodes : [$"akka.tcp://{SystemName}@{DefaultSeedHostPort}"];
}

/// <summary>How the simulators behave (the node's ActorOrders:Participants:* keys).</summary>
public sealed class HostParticipantsSettings
{
    /// <summary>How the nodes reach the simulators: <see cref="ParticipantsTransport.Cluster"/> (default) or Kafka.</summary>
    public ParticipantsTransport Transport { get; set; } = ParticipantsTransport.Cluster;

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
