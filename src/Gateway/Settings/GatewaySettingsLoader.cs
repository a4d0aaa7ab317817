using ActorOrders.Http.Security;
using ActorOrders.Membership;

namespace ActorOrders.Gateway.Settings;

/// <summary>Binds and validates <see cref="GatewaySettings"/>, so a bad value stops the gateway before anything runs.</summary>
public static class GatewaySettingsLoader
{
    private const string S = GatewaySettings.Section;

    /// <summary>The validated settings; throws <see cref="ConfigurationRefusedException"/> naming every bad key.</summary>
    public static GatewaySettings Load(IConfiguration configuration)
    {
        var settings = new GatewaySettings();
        try
        {
            configuration.GetSection(S).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationRefusedException($"Invalid configuration: {ex.Message}", ex);
        }

        var errors = new List<string>();
        void Check(bool ok, string key, string rule)
        {
            if (!ok) errors.Add($"{S}:{key} {rule}");
        }

        var c = settings.Cluster;
        Check(!string.IsNullOrWhiteSpace(c.SystemName) && c.SystemName.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Cluster:SystemName", "must be letters, digits, '-' or '_'.");
        Check(!string.IsNullOrWhiteSpace(c.Hostname), "Cluster:Hostname", "is required.");
        Check(c.Port is >= 0 and <= 65535, "Cluster:Port", "must be between 0 and 65535.");
        for (var i = 0; i < c.SeedNodes.Count; i++)
            Check(IsSeedAddress(c.SeedNodes[i], c.SystemName), $"Cluster:SeedNodes:{i}", $"must look like akka.tcp://{c.SystemName}@host:port (was '{c.SeedNodes[i]}').");
        // Timings, TLS and the plaintext guard, as on the nodes.
        MembershipRules.Validate(c, Check);
        Check(c.ShutdownTimeout >= TimeSpan.FromSeconds(1), "Cluster:ShutdownTimeout", "must be at least 1 second.");
        Check(settings.Sharding.NumberOfShards >= 1, "Sharding:NumberOfShards", "must be at least 1 (and equal the nodes').");
        Check(settings.Http.AskTimeout > TimeSpan.Zero, "Http:AskTimeout", "must be positive.");
        Check(settings.Http.MaxInFlight >= 1, "Http:MaxInFlight", "must be at least 1.");
        Check(settings.Http.MaxBodyBytes >= 1024, "Http:MaxBodyBytes", "must be at least 1024.");
        if (errors.Count > 0) throw new ConfigurationRefusedException("Invalid configuration: " + string.Join(" ", errors));
        return settings;
    }

    private static bool IsSeedAddress(string seed, string systemName) =>
        Uri.TryCreate(seed, UriKind.Absolute, out var uri)
        && uri.Scheme == "akka.tcp"
        && uri.UserInfo == systemName
        && !string.IsNullOrEmpty(uri.Host)
        && uri.Port > 0;
}
