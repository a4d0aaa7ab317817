using ActorOrders.Node.Settings;
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
    [InlineData("ActorOrders:Sharding:NumberOfShards", "0", "ActorOrders:Sharding:NumberOfShards")]
    [InlineData("ActorOrders:Participants:FailureRate", "1.5", "ActorOrders:Participants:FailureRate")]
    [InlineData("ActorOrders:Participants:Mode", "Carrier-pigeon", "ActorOrders:Participants:Mode must be")]
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
}
