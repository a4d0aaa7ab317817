using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ActorOrders.Testing;

namespace ActorOrders.Cli.Tests.Support;

/// <summary>A node (ActorOrders.Node.dll) as a child process, with its admin API on a port of its own.</summary>
public sealed partial class NodeProcess : ChildProcess
{
    private NodeProcess(string name, IReadOnlyDictionary<string, string?> settings, string folder, int akkaPort, int? adminPort)
        : base(name, "ActorOrders.Node.dll", settings, folder)
    {
        AkkaPort = akkaPort;
        AdminPort = adminPort;
    }

    public int AkkaPort { get; }

    /// <summary>The admin port given at start; null when the node picked one (port 0, see <see cref="AdminAddressAsync"/>).</summary>
    public int? AdminPort { get; }

    /// <summary>The console's leading argument for this node.</summary>
    public string Admin => $"127.0.0.1:{AdminPort}";

    public string ClusterAddress => Seed(AkkaPort);

    public static string Seed(int port) => $"akka.tcp://ActorOrders@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Starts a node. <paramref name="seeds"/> are its seed nodes' Akka ports (the first one seeds the
    /// cluster); <paramref name="adminPort"/> null means port 0 (the node logs the one it took).
    /// </summary>
    public static NodeProcess Start(string name, string folder, string store, int akkaPort, IReadOnlyList<int> seeds, int? adminPort, IDictionary<string, string?>? overrides = null)
    {
        var settings = CommonSettings();
        foreach (var (k, v) in Saga) settings[k] = v;
        // The admin listener's address is an Information line of its own category.
        settings["Logging:LogLevel:ActorOrders.Node.Admin"] = "Information";
        settings["ActorOrders:Cluster:Port"] = akkaPort.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < seeds.Count; i++) settings[$"ActorOrders:Cluster:SeedNodes:{i}"] = Seed(seeds[i]);
        settings["ActorOrders:Persistence:Provider"] = store.StartsWith("Data Source=", StringComparison.Ordinal) ? "Sqlite" : "PostgreSql";
        settings["ActorOrders:Persistence:ConnectionString"] = store;
        settings["ActorOrders:Admin:Url"] = $"http://127.0.0.1:{adminPort ?? 0}";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new NodeProcess(name, settings, folder, akkaPort, adminPort);
    }

    // Orders that stay in flight (noreply customers: a minute per payment attempt), and stalls that come fast (norefund).
    private static readonly Dictionary<string, string?> Saga = new()
    {
        ["ActorOrders:Sharding:NumberOfShards"] = "10",
        ["ActorOrders:Participants:MinLatency"] = "00:00:00",
        ["ActorOrders:Participants:MaxLatency"] = "00:00:00.005",
        ["ActorOrders:Saga:Steps:Timeout"] = "00:01:00",
        ["ActorOrders:Saga:Steps:MaxAttempts"] = "3",
        ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:02",
        ["ActorOrders:Saga:Compensations:MaxAttempts"] = "2",
        ["ActorOrders:Saga:Compensations:MinBackoff"] = "00:00:00.100",
        ["ActorOrders:Saga:Compensations:MaxBackoff"] = "00:00:00.200",
        ["ActorOrders:Saga:PassivateAfter"] = "00:00:01",
        ["ActorOrders:Projections:PollInterval"] = "00:00:00.100",
        // Two nodes cannot share the embedded Kafka (each would have its own): no Kafka, simulators in each node.
        ["ActorOrders:Kafka:Enabled"] = "false",
        ["ActorOrders:Participants:Mode"] = "Simulated",
    };

    /// <summary>The admin address the node logged ("Admin API listening on: http://…").</summary>
    public async Task<string> AdminAddressAsync(TimeSpan deadline)
    {
        string? address = null;
        await Eventually.Until(() =>
        {
            address = Output.Select(l => AdminLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            return Task.FromResult(address is not null);
        }, deadline, $"{Name} logs its admin address");
        return address!;
    }

    /// <summary>
    /// Places an order through the node's order API. A 503 (the order did not answer in time, e.g. its
    /// shard's first allocation on a fresh cluster) is retried, as its Retry-After says a client should:
    /// placing is idempotent, the same order again is a 200.
    /// </summary>
    public async Task PlaceAsync(string orderId, string customerId, string sku = "BOOK-1")
    {
        var order = new
        {
            orderId,
            customerId,
            currency = "USD",
            lines = new[] { new { sku, quantity = 1, unitPrice = 10.5m } },
            shippingAddress = new { line1 = "1 Main St", city = "Springfield", postalCode = "12345", country = "US" },
        };
        var status = System.Net.HttpStatusCode.ServiceUnavailable;
        await Eventually.Until(async () =>
        {
            using var response = await Http.PostAsJsonAsync("/orders", order);
            status = response.StatusCode;
            return status != System.Net.HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(30), $"{Name} accepts order {orderId}");
        ((int)status).ShouldBeInRange(200, 201, $"placing {orderId}");
    }

    /// <summary>Refunds of customers starting with <paramref name="prefix"/> succeed from now on (this node's simulators).</summary>
    public async Task HealAsync(string prefix)
    {
        using var response = await Http.PostAsync($"/participants/heal?customerIdPrefix={Uri.EscapeDataString(prefix)}", null);
        response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex(@"Admin API listening on: http://(\S+?)(/|\s|$)")]
    private static partial Regex AdminLine();
}
