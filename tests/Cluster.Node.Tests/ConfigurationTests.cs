using ActorOrders.Http.Security;
using ActorOrders.Http.Telemetry;
using ActorOrders.Node.Settings;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Node.Tests;

/// <summary>Invalid configuration stops the node at start-up with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("ActorOrders:Persistence:Provider", "Oracle", "ActorOrders:Persistence:Provider must be Sqlite or PostgreSql")]
    [InlineData("ActorOrders:Persistence:ConnectionString", "Data Source=:memory:", "ActorOrders:Persistence:ConnectionString")]
    [InlineData("ActorOrders:Cluster:Port", "70000", "ActorOrders:Cluster:Port must be between 0 and 65535")]
    [InlineData("ActorOrders:Cluster:Port", "many", "ActorOrders:Cluster:Port")]
    [InlineData("ActorOrders:Cluster:SeedNodes:0", "127.0.0.1:4053", "ActorOrders:Cluster:SeedNodes:0")]
    [InlineData("ActorOrders:Cluster:SeedNodes:0", "akka.tcp://ActorOrders@127.0.0.1:4053", "ActorOrders:Cluster:SeedNodes names only this node")]
    [InlineData("ActorOrders:Cluster:Formation", "Seeds", "ActorOrders:Cluster:SeedNodes is required when Cluster:Formation is Seeds")]
    [InlineData("ActorOrders:Cluster:Formation", "Sometimes", "ActorOrders:Cluster:Formation must be")]
    [InlineData("ActorOrders:Cluster:Hostname", "10.1.2.3", "ActorOrders:Cluster:AllowPlaintextRemoting must be true to run remoting without TLS on 10.1.2.3")]
    [InlineData("ActorOrders:Cluster:PublicHostname", "node-0.actororders", "ActorOrders:Cluster:AllowPlaintextRemoting must be true")]
    [InlineData("ActorOrders:Cluster:Tls:Enabled", "true", "ActorOrders:Cluster:Tls:CertificatePath is required")]
    [InlineData("ActorOrders:Cluster:SplitBrainStableAfter", "00:00:00.500", "ActorOrders:Cluster:SplitBrainStableAfter must be at least 1 second")]
    [InlineData("ActorOrders:Cluster:DrainDelay", "00:00:20", "ActorOrders:Cluster:DrainDelay must be at least 0 and leave 15 s")]
    [InlineData("ActorOrders:Cluster:DownCrashedMembers", "sometimes", "ActorOrders:Cluster:DownCrashedMembers")]
    [InlineData("ActorOrders:Sharding:NumberOfShards", "0", "ActorOrders:Sharding:NumberOfShards")]
    [InlineData("ActorOrders:Participants:FailureRate", "1.5", "ActorOrders:Participants:FailureRate")]
    [InlineData("ActorOrders:Participants:Mode", "Pigeon", "ActorOrders:Participants:Mode must be Simulated or InProcess or Remote or Kafka (was 'Pigeon')")]
    [InlineData("ActorOrders:Kafka:Enabled", "false", "ActorOrders:Participants:Mode is Kafka, which needs Kafka:Enabled")]
    [InlineData("ActorOrders:Saga:Steps:MaxAttempts", "0", "ActorOrders:Saga:Steps:MaxAttempts")]
    [InlineData("ActorOrders:Persistence:Parallelism", "0", "ActorOrders:Persistence:Parallelism")]
    [InlineData("ActorOrders:Http:MaxInFlight", "0", "ActorOrders:Http:MaxInFlight")]
    [InlineData("ActorOrders:Persistence:JournalOptions:Batch_Size", "10", "ActorOrders:Persistence:JournalOptions:Batch_Size must be an Akka.Persistence.Sql journal key")]
    public void A_bad_setting_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = Should.Throw<InvalidSettingsException>(() =>
            Program.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value })));

        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("Config", "ActorOrders:Cluster:Bootstrap:ContactPoints is required when Cluster:Bootstrap:Discovery is Config")]
    [InlineData("Kubernetes", "ActorOrders:Kafka:BootstrapServers is required when the node joins other nodes")]
    public void A_bootstrap_without_what_it_needs_fails_start_up_naming_the_key(string discovery, string expected)
    {
        var error = Should.Throw<InvalidSettingsException>(() => Program.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:Formation"] = "Bootstrap",
            ["ActorOrders:Cluster:Bootstrap:Discovery"] = discovery,
        })));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_node_that_lists_itself_among_other_seeds_is_valid_and_off_loopback_plaintext_needs_the_explicit_allowance()
    {
        var settings = SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:Hostname"] = "0.0.0.0",
            ["ActorOrders:Cluster:PublicHostname"] = "node-0.nodes",
            ["ActorOrders:Cluster:AllowPlaintextRemoting"] = "true",
            ["ActorOrders:Cluster:SeedNodes:0"] = "akka.tcp://ActorOrders@node-0.nodes:4053",
            ["ActorOrders:Cluster:SeedNodes:1"] = "akka.tcp://ActorOrders@node-1.nodes:4053",
            ["ActorOrders:Kafka:BootstrapServers"] = "kafka:9092",
        }).Build());

        settings.Cluster.EffectiveFormation.ShouldBe(ClusterFormation.Seeds);
    }

    [Fact]
    public void The_defaults_are_valid_and_describe_a_single_local_node_on_sqlite()
    {
        var settings = SettingsLoader.Load(new ConfigurationBuilder().Build());

        settings.Cluster.Hostname.ShouldBe("127.0.0.1");
        settings.Cluster.Port.ShouldBe(4053);
        settings.Cluster.SeedNodes.ShouldBeEmpty();
        settings.Sharding.NumberOfShards.ShouldBe(100);
        settings.Persistence.Provider.ShouldBe(PersistenceProvider.Sqlite);
        settings.Persistence.ConnectionString.ShouldContain("data/actororders.db");
    }

    [Fact]
    public void A_metrics_switch_that_is_not_a_boolean_fails_start_up_naming_the_key()
    {
        var error = Should.Throw<ConfigurationRefusedException>(() =>
            Program.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryWiring.MetricsEnabledKey] = "sometimes" })));

        error.Message.ShouldContain("ActorOrders:Telemetry:Metrics:Enabled must be true or false");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("ten percent")]
    public void A_trace_sample_ratio_outside_0_to_1_is_refused_at_start_naming_the_key(string ratio)
    {
        var error = Should.Throw<ConfigurationRefusedException>(() =>
            Program.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [TelemetryWiring.TraceSampleRatioKey] = ratio })));

        error.Message.ShouldContain("ActorOrders:Telemetry:Traces:SampleRatio must be a number from 0 to 1");
    }

    // Only the default here: switching metrics off suppresses prometheus-net's collectors for the whole process,
    // which the other tests of this assembly scrape (bench/telemetry-cost.sh checks the node it switched off).
    [Fact]
    public async Task Metrics_are_served_by_default()
    {
        await using var app = Program.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorOrders:Persistence:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))}.db",
        }));

        var routes = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText);
        routes.ShouldContain("/metrics");
    }
}
