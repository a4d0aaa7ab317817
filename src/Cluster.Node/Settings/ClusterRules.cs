using ActorOrders.Membership;

namespace ActorOrders.Node.Settings;

/// <summary>
/// The start-up rules of <see cref="ClusterSettings"/> (section ActorOrders:Cluster): a node never founds a
/// cluster of its own by accident, never speaks plaintext remoting off loopback unless told to, and its stop
/// fits its deadline.
/// </summary>
public static class ClusterRules
{
    /// <summary>Checks the cluster settings; <paramref name="check"/> records (ok, key under ActorOrders, rule).</summary>
    public static void Validate(ClusterSettings c, Action<bool, string, string> check)
    {
        check(!string.IsNullOrWhiteSpace(c.SystemName) && c.SystemName.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Cluster:SystemName", "must be letters, digits, '-' or '_'.");
        check(!string.IsNullOrWhiteSpace(c.Hostname), "Cluster:Hostname", "is required.");
        check(c.Port is >= 0 and <= 65535, "Cluster:Port", "must be between 0 and 65535.");
        for (var i = 0; i < c.SeedNodes.Count; i++)
            check(IsSeedAddress(c.SeedNodes[i], c.SystemName), $"Cluster:SeedNodes:{i}", $"must look like akka.tcp://{c.SystemName}@host:port (was '{c.SeedNodes[i]}').");

        switch (c.EffectiveFormation)
        {
            case ClusterFormation.Alone:
                check(c.SeedNodes.Count == 0, "Cluster:SeedNodes", "must be empty when Cluster:Formation is Alone (a cluster of one); set Cluster:Formation to Seeds to join them.");
                break;
            case ClusterFormation.Seeds:
                check(c.SeedNodes.Count > 0, "Cluster:SeedNodes",
                    "is required when Cluster:Formation is Seeds: with an empty list this node would found a cluster of its own. " +
                    "List the founding nodes (the same list on every node), or set Cluster:Formation to Alone for a cluster of one.");
                check(c.SeedNodes.Count == 0 || !c.SeedNodes.All(seed => IsSelf(seed, c)), "Cluster:SeedNodes",
                    $"names only this node ({string.Join(", ", c.SeedNodes)}): it would found a cluster of its own. " +
                    "List the other founding nodes too (the same list on every node), or set Cluster:Formation to Alone for a cluster of one.");
                break;
            case ClusterFormation.Bootstrap:
                ValidateBootstrap(c, check);
                break;
        }

        check(c.ShutdownTimeout >= TimeSpan.FromSeconds(5), "Cluster:ShutdownTimeout", "must be at least 5 seconds.");
        check(c.DrainDelay >= TimeSpan.Zero && c.DrainDelay + MinimumStop <= c.ShutdownTimeout, "Cluster:DrainDelay",
            $"must be at least 0 and leave {MinimumStop.TotalSeconds:0} s of Cluster:ShutdownTimeout for the handoff and the leave.");

        // Timings, TLS and the plaintext guard: the rules of every member.
        MembershipRules.Validate(c, check);
    }

    /// <summary>What a stop needs after the drain delay: shard handoff and the cluster leave (config/akka.conf bounds each phase).</summary>
    public static readonly TimeSpan MinimumStop = TimeSpan.FromSeconds(15);

    /// <summary>Does <paramref name="seed"/> name this node (its public or bind host name and its port)?</summary>
    public static bool IsSelf(string seed, ClusterSettings c) =>
        Uri.TryCreate(seed, UriKind.Absolute, out var uri)
        && c.Port != 0
        && uri.Port == c.Port
        && (uri.Host.Equals(c.EffectivePublicHostname, StringComparison.OrdinalIgnoreCase) || uri.Host.Equals(c.Hostname, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loopback: 127.0.0.0/8, ::1 or localhost.</summary>
    public static bool IsLoopback(string? host) => MembershipRules.IsLoopback(host);

    private static void ValidateBootstrap(ClusterSettings c, Action<bool, string, string> check)
    {
        var b = c.Bootstrap;
        check(c.SeedNodes.Count == 0, "Cluster:SeedNodes", "must be empty when Cluster:Formation is Bootstrap (Cluster Bootstrap finds the seeds).");
        check(!string.IsNullOrWhiteSpace(b.ServiceName), "Cluster:Bootstrap:ServiceName", "is required.");
        check(b.RequiredContactPoints is >= 1 and <= 1000, "Cluster:Bootstrap:RequiredContactPoints", "must be between 1 and 1000 (the number of replicas).");
        check(b.StableMargin >= TimeSpan.Zero && b.StableMargin <= TimeSpan.FromMinutes(5), "Cluster:Bootstrap:StableMargin", "must be between 0 and 5 minutes.");
        check(c.Management.Port is >= 1 and <= 65535, "Cluster:Management:Port", "must be between 1 and 65535 (the other nodes probe it).");
        if (b.Discovery == BootstrapDiscovery.Config)
        {
            check(b.ContactPoints.Count > 0, "Cluster:Bootstrap:ContactPoints", "is required when Cluster:Bootstrap:Discovery is Config (host:port of every node's management endpoint).");
            check(b.ContactPoints.Count == 0 || b.RequiredContactPoints <= b.ContactPoints.Count, "Cluster:Bootstrap:RequiredContactPoints", "must not exceed the number of Cluster:Bootstrap:ContactPoints.");
            for (var i = 0; i < b.ContactPoints.Count; i++)
                check(Uri.TryCreate("http://" + b.ContactPoints[i], UriKind.Absolute, out var uri) && uri.Port > 0 && b.ContactPoints[i].Contains(':', StringComparison.Ordinal) && uri.AbsolutePath == "/",
                    $"Cluster:Bootstrap:ContactPoints:{i}", $"must be host:port (was '{b.ContactPoints[i]}').");
        }
        else
        {
            check(!string.IsNullOrWhiteSpace(b.PodLabelSelector) && b.PodLabelSelector.Contains('='), "Cluster:Bootstrap:PodLabelSelector", "must be a label selector (key=value; {0} is the service name).");
            check(!string.IsNullOrWhiteSpace(b.PortName), "Cluster:Bootstrap:PortName", "is required (the name of the management container port).");
        }
    }

    private static bool IsSeedAddress(string seed, string systemName) =>
        Uri.TryCreate(seed, UriKind.Absolute, out var uri)
        && uri.Scheme == "akka.tcp"
        && uri.UserInfo == systemName
        && !string.IsNullOrEmpty(uri.Host)
        && uri.Port > 0;
}
