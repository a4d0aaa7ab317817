using System.Net;

namespace ActorOrders.Membership;

/// <summary>The start-up rules of <see cref="MembershipSettings"/>, the same for every member.</summary>
public static class MembershipRules
{
    /// <summary>The configuration section of every member.</summary>
    public const string Section = "ActorOrders";

    /// <summary>Checks timings and transport; <paramref name="check"/> records (ok, key under ActorOrders, rule).</summary>
    public static void Validate(MembershipSettings c, Action<bool, string, string> check)
    {
        check(c.AcceptableHeartbeatPause >= TimeSpan.FromSeconds(1) && c.AcceptableHeartbeatPause <= TimeSpan.FromMinutes(1), "Cluster:AcceptableHeartbeatPause", "must be between 1 second and 1 minute.");
        check(c.SplitBrainStableAfter >= TimeSpan.FromSeconds(1), "Cluster:SplitBrainStableAfter", "must be at least 1 second.");
        // Akka reads 0 as "stable-after again": refuse it rather than surprise.
        check(c.DownRemovalMargin >= TimeSpan.FromSeconds(1), "Cluster:DownRemovalMargin", "must be at least 1 second.");
        check(c.DownAllWhenUnstable >= TimeSpan.FromSeconds(1), "Cluster:DownAllWhenUnstable", "must be at least 1 second.");
        ValidateTransport(c, check);
    }

    /// <summary>Loopback: 127.0.0.0/8, ::1 or localhost.</summary>
    public static bool IsLoopback(string? host) =>
        host is not null
        && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>
    /// With TLS the certificate and the CA must load; without it remoting must stay on loopback unless
    /// Cluster:AllowPlaintextRemoting says the network is the cluster's alone.
    /// </summary>
    private static void ValidateTransport(MembershipSettings c, Action<bool, string, string> check)
    {
        if (c.Tls.Enabled)
        {
            try
            {
                RemotingTls.LoadCertificate(c.Tls).Dispose();
                RemotingTls.LoadAuthority(c.Tls);
            }
            catch (MembershipSettingsException ex)
            {
                check(false, ex.Key, ex.Rule);
            }

            return;
        }

        var offLoopback = new[] { c.Hostname, c.EffectivePublicHostname }.Where(h => !IsLoopback(h)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        check(offLoopback.Count == 0 || c.AllowPlaintextRemoting, "Cluster:AllowPlaintextRemoting",
            $"must be true to run remoting without TLS on {string.Join(", ", offLoopback)} (not loopback): anyone who reaches the port could join the cluster. " +
            $"Enable {Section}:Cluster:Tls (certificate from a mounted secret), or set {Section}:Cluster:AllowPlaintextRemoting=true on a network only the cluster reaches.");
    }
}
