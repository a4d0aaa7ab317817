namespace ActorOrders.Membership;

/// <summary>
/// The cluster settings every member carries (ActorOrders:Cluster:*): remoting's security and the timings of
/// failure detection and the split brain resolver. The resolver's decision is taken by the cluster's leader,
/// which is the member with the lowest address, of any role (a gateway or the participants host as often as a
/// node), while every member runs the resolver's down-all-when-unstable on its own clock: with different
/// timings a member that decides late lets the others down the whole cluster. Keep them equal on every member.
/// </summary>
public abstract class MembershipSettings
{
    /// <summary>Address Akka.Remote binds to.</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>Address other members use to reach this one (defaults to <see cref="Hostname"/>).</summary>
    public string? PublicHostname { get; set; }

    /// <summary>The address other members use for this one.</summary>
    public string EffectivePublicHostname => string.IsNullOrWhiteSpace(PublicHostname) ? Hostname : PublicHostname;

    /// <summary>TLS of Akka.Remote.</summary>
    public RemotingTlsSettings Tls { get; set; } = new();

    /// <summary>
    /// Lets remoting run without TLS on an address other than loopback. Off: such a member refuses to start,
    /// since anyone who reaches the port can join the cluster and send it any message.
    /// </summary>
    public bool AllowPlaintextRemoting { get; set; }

    /// <summary>Heartbeats a member may miss for this long before it is marked unreachable (the failure detector's acceptable pause).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; set; } = MembershipDefaults.AcceptableHeartbeatPause;

    /// <summary>How long membership and reachability must be unchanged before the split brain resolver downs unreachable members.</summary>
    public TimeSpan SplitBrainStableAfter { get; set; } = MembershipDefaults.SplitBrainStableAfter;

    /// <summary>
    /// After a member is downed and removed, how long the survivors wait before starting its shards and singletons
    /// (akka.cluster.down-removal-margin; Akka's default is stable-after again). It gives the other side of a
    /// partition time to stop its own copies after downing itself.
    /// </summary>
    public TimeSpan DownRemovalMargin { get; set; } = MembershipDefaults.DownRemovalMargin;

    /// <summary>
    /// The resolver downs every member when reachability keeps changing for stable-after plus this long since the
    /// first change (akka.cluster.split-brain-resolver.down-all-when-unstable; Akka's default is 3/4 of stable-after).
    /// </summary>
    public TimeSpan DownAllWhenUnstable { get; set; } = MembershipDefaults.DownAllWhenUnstable;

    /// <summary>
    /// An order node downs a member whose remoting port refuses connections after its connection dropped (its process
    /// is gone: killed, crashed, out of memory) at once, instead of after the failure detector's pause and the
    /// resolver's stable-after (<see cref="CrashDetector"/>). Turn off where a firewall between members rejects
    /// connections with TCP resets instead of dropping them.
    /// </summary>
    public bool DownCrashedMembers { get; set; } = true;
}

/// <summary>The shipped timings, the same for every member (docs/operations.md explains each).</summary>
public static class MembershipDefaults
{
    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan SplitBrainStableAfter = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DownRemovalMargin = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DownAllWhenUnstable = TimeSpan.FromSeconds(15);
}

/// <summary>TLS for Akka.Remote: every member presents a certificate, and accepts only peers whose certificate chains to <see cref="CaPath"/>.</summary>
public sealed class RemotingTlsSettings
{
    public bool Enabled { get; set; }

    /// <summary>The member's certificate: PEM (with <see cref="KeyPath"/>) or PKCS#12 (.pfx/.p12, with <see cref="CertificatePassword"/>), from a mounted secret.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of a PKCS#12 file; from the environment (ActorOrders__Cluster__Tls__CertificatePassword), never a file of the repository.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>PEM of the certificate authority the peers' certificates must chain to; empty = the system's trust store.</summary>
    public string? CaPath { get; set; }

    /// <summary>Both sides of a connection present a certificate (mutual TLS).</summary>
    public bool RequireMutualAuthentication { get; set; } = true;

    /// <summary>Check the peer's certificate names the host dialled (per-member certificates with DNS names).</summary>
    public bool ValidateHostname { get; set; }
}

/// <summary>A membership setting that stops the member at start-up: <see cref="Key"/> (under ActorOrders) and what is wrong with it.</summary>
public sealed class MembershipSettingsException(string key, string rule, Exception? inner = null)
    : Exception($"{MembershipRules.Section}:{key} {rule}", inner)
{
    /// <summary>The key under ActorOrders, such as Cluster:Tls:CertificatePath.</summary>
    public string Key { get; } = key;

    /// <summary>The rule it breaks.</summary>
    public string Rule { get; } = rule;
}
