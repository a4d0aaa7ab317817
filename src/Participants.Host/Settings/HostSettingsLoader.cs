using System.Net;
using ActorOrders.Membership;

namespace ActorOrders.ParticipantsHost.Settings;

/// <summary>Invalid configuration: the message names every offending key.</summary>
public sealed class InvalidHostSettingsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Binds and validates <see cref="HostSettings"/> and the HTTP listeners at start-up, before anything runs.</summary>
public static class HostSettingsLoader
{
    private const string S = HostSettings.Section;

    /// <summary>The validated settings; throws <see cref="InvalidHostSettingsException"/> naming the keys otherwise.</summary>
    public static HostSettings Load(IConfiguration configuration)
    {
        var settings = new HostSettings();
        var transport = configuration[$"{S}:Participants:Transport"];
        if (transport is not null && (!Enum.TryParse<ParticipantsTransport>(transport, ignoreCase: true, out _) || int.TryParse(transport, out _)))
            throw new InvalidHostSettingsException($"Invalid configuration: {S}:Participants:Transport must be Cluster or Kafka (was '{transport}').");
        try
        {
            configuration.GetSection(S).Bind(settings);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidHostSettingsException($"Invalid configuration: {ex.Message}", ex);
        }

        var errors = new List<string>();
        Validate(settings, errors);
        CheckListeners(configuration, errors);
        if (errors.Count > 0) throw new InvalidHostSettingsException("Invalid configuration: " + string.Join(" ", errors));
        return settings;
    }

    private static void Validate(HostSettings s, List<string> errors)
    {
        void Check(bool ok, string key, string rule)
        {
            if (!ok) errors.Add($"{S}:{key} {rule}");
        }

        var c = s.Cluster;
        Check(!string.IsNullOrWhiteSpace(c.SystemName) && c.SystemName.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_'), "Cluster:SystemName", "must be letters, digits, '-' or '_'.");
        Check(!string.IsNullOrWhiteSpace(c.Hostname), "Cluster:Hostname", "is required.");
        Check(c.Port is >= 0 and <= 65535, "Cluster:Port", "must be between 0 and 65535.");
        for (var i = 0; i < c.SeedNodes.Count; i++)
            Check(IsSeedAddress(c.SeedNodes[i], c.SystemName), $"Cluster:SeedNodes:{i}", $"must look like akka.tcp://{c.SystemName}@host:port (was '{c.SeedNodes[i]}').");
        // A cluster member (not over Kafka, where its actor system is local): timings, TLS and the plaintext guard, as on the nodes.
        if (s.Participants.Transport == ParticipantsTransport.Cluster) MembershipRules.Validate(c, Check);
        Check(c.ShutdownTimeout >= TimeSpan.FromSeconds(5), "Cluster:ShutdownTimeout", "must be at least 5 seconds.");

        var p = s.Participants;
        Check(p.MinLatency >= TimeSpan.Zero, "Participants:MinLatency", "must not be negative.");
        Check(p.MaxLatency >= p.MinLatency, "Participants:MaxLatency", "must be at least MinLatency.");
        Check(p.FailureRate is >= 0 and < 1, "Participants:FailureRate", "must be at least 0 and below 1.");

        Check(s.Http.AskTimeout > TimeSpan.Zero, "Http:AskTimeout", "must be positive.");

        if (p.Transport != ParticipantsTransport.Kafka) return;
        var k = s.Kafka;
        Check(k.EffectiveBootstrapServers() is not null, "Kafka:BootstrapServers",
            string.IsNullOrWhiteSpace(k.BootstrapFile)
                ? "is required when Participants:Transport is Kafka (or Kafka:BootstrapFile naming a file that holds them, such as a node's data/kafka-bootstrap.txt)."
                : $"is required when Participants:Transport is Kafka: Kafka:BootstrapFile '{k.BootstrapFile}' does not exist or is empty.");
        Check(!string.IsNullOrWhiteSpace(k.ConsumerGroup), "Kafka:ConsumerGroup", "is required.");
        var t = k.Topics;
        foreach (var (key, value) in new[]
        {
            ("PaymentsCommands", t.PaymentsCommands), ("PaymentsEvents", t.PaymentsEvents), ("InventoryCommands", t.InventoryCommands),
            ("InventoryEvents", t.InventoryEvents), ("ShippingCommands", t.ShippingCommands), ("ShippingEvents", t.ShippingEvents),
        })
        {
            Check(!string.IsNullOrWhiteSpace(value), $"Kafka:Topics:{key}", "is required.");
        }
    }

    /// <summary>
    /// There is no authentication yet, so every HTTP listener must be on loopback: Urls (--urls,
    /// ASPNETCORE_URLS) and any Kestrel:Endpoints:{name}:Url.
    /// </summary>
    private static void CheckListeners(IConfiguration configuration, List<string> errors)
    {
        var urls = configuration["urls"];
        foreach (var url in Split(string.IsNullOrWhiteSpace(urls) ? HostSettings.DefaultUrl : urls))
        {
            if (!IsLoopback(url)) errors.Add(NotLoopback("Urls", url));
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is not null && !IsLoopback(url)) errors.Add(NotLoopback($"Kestrel:Endpoints:{endpoint.Key}:Url", url));
        }
    }

    private static string NotLoopback(string key, string url) =>
        $"{key} must listen on a loopback address only (127.0.0.1, [::1] or localhost), was '{url}': " +
        "the participants host has no authentication yet, so it refuses to listen on the network.";

    private static IEnumerable<string> Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True for http(s) URLs on localhost or a loopback IP; wildcards (*, +, 0.0.0.0, [::]) and names are not.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        var host = uri.DnsSafeHost;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static bool IsSeedAddress(string seed, string systemName) =>
        Uri.TryCreate(seed, UriKind.Absolute, out var uri)
        && uri.Scheme == "akka.tcp"
        && uri.UserInfo == systemName
        && !string.IsNullOrEmpty(uri.Host)
        && uri.Port > 0;
}
