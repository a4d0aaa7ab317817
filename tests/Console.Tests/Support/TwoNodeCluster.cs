using System.Text.Json;
using ActorOrders.Testing;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests.Support;

/// <summary>
/// Two node processes on loopback forming one cluster on one PostgreSQL database of their own: each
/// seeds [node 1, node 2], so node 1 starts the cluster and node 2 joins it; each has its own admin
/// port. Node 2 starts once node 1 is ready, so the two never create the journal's tables at once.
/// </summary>
public sealed class TwoNodeCluster : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actororders-console-");
    private TestDatabase? _database;

    public NodeProcess Node1 { get; private set; } = null!;

    public NodeProcess Node2 { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Nodes => [Node1, Node2];

    /// <summary>Starts both nodes; <paramref name="overrides"/> go to both.</summary>
    public static async Task<TwoNodeCluster> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var cluster = new TwoNodeCluster();
        try
        {
            cluster._database = await TestDatabase.CreateAsync();
            int[] akka = [ChildProcess.FreePort(), ChildProcess.FreePort()];
            cluster.Node1 = NodeProcess.Start("node1", cluster._folder.FullName, cluster._database.ConnectionString, akka[0], akka, ChildProcess.FreePort(), overrides);
            await cluster.Node1.WaitReadyAsync(Deadline);
            cluster.Node2 = NodeProcess.Start("node2", cluster._folder.FullName, cluster._database.ConnectionString, akka[1], akka, ChildProcess.FreePort(), overrides);
            await cluster.Node2.WaitReadyAsync(Deadline);
            await Eventually.Until(async () => (await cluster.UpMembersAsync(cluster.Node1)) == 2, Deadline, "both members are Up");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Members Up as <paramref name="node"/>'s admin API (through the console) reports them.</summary>
    public async Task<int> UpMembersAsync(NodeProcess node)
    {
        var run = await ConsoleRun.RunAsync(node.Admin, "cluster", "show", "--json");
        if (run.ExitCode != 0) return -1;
        return JsonDocument.Parse(run.Out).RootElement.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "Up");
    }

    public void WriteOutputTo(ITestOutputHelper output)
    {
        foreach (var node in new[] { Node1, Node2 }.Where(n => n is not null)) node.WriteOutputTo(output);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in new[] { Node2, Node1 }.Where(n => n is not null)) await node.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
        try { _folder.Delete(recursive: true); }
        catch (IOException) { /* the OS temp cleaner gets it */ }
    }
}

/// <summary>One two-node cluster shared by the tests of the collection (they run one after another).</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    public TwoNodeCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Without PostgreSQL the [PostgresFact] tests skip (outside CI): start nothing then.
        if (PostgresFactAttribute.ConnectionString is null) return;
        Cluster = await TwoNodeCluster.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedClusterCollection : ICollectionFixture<SharedCluster>
{
    public const string Name = "two-node cluster";
}
