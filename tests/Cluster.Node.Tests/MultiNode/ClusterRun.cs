using System.Globalization;
using System.Net;
using System.Text.Json;
using ActorOrders.Contracts;
using ActorOrders.Node.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests.MultiNode;

/// <summary>One order node of a <see cref="ClusterRun"/>: its ports, fixed before it starts, and its process.</summary>
public sealed class Member(string name, int akkaPort, int managementPort, int adminPort)
{
    public string Name { get; } = name;

    public int AkkaPort { get; } = akkaPort;

    public int ManagementPort { get; } = managementPort;

    public int AdminPort { get; } = adminPort;

    public string Address => ProcessScenario.Seed(AkkaPort);

    public NodeProcess Process { get; internal set; } = null!;

    public HttpClient Admin { get; } = new() { BaseAddress = new Uri($"http://127.0.0.1:{adminPort.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Taking orders: started, not stopping, not killed.</summary>
    public bool Serving { get; internal set; }
}

/// <summary>
/// A multi-node cluster of real processes on loopback: order nodes on one PostgreSQL database of their own,
/// formed by Akka.Management Cluster Bootstrap with Config discovery (every node lists the management
/// endpoints of the founding nodes), and the participants host (its ledger outlives any node) joining them
/// by static seeds. Ports are fixed up front so joins and seeds are known before anything starts.
/// </summary>
public sealed class ClusterRun : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);
    private readonly ITestOutputHelper _output;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actororders-cluster-");
    private readonly List<ChildProcess> _processes = [];
    private readonly IReadOnlyDictionary<string, string?> _nodeOverrides;
    private readonly int _founders;

    private ClusterRun(ITestOutputHelper output, PostgresDatabase database, int founders, IReadOnlyDictionary<string, string?> nodeOverrides, bool firstFounderLeads)
    {
        _output = output;
        Database = database;
        _founders = founders;
        _nodeOverrides = nodeOverrides;
        if (!firstFounderLeads)
        {
            ParticipantsAkkaPort = ChildProcess.FreePort();
            for (var i = 0; i < founders; i++) Members.Add(NewMember());
            return;
        }

        // The cluster's leader is the member with the lowest address, and the bootstrap lets the founder with the
        // lowest contact point form the cluster (the oldest: shard coordinator, singletons). All on 127.0.0.1, so the
        // lowest ports make node1 both; the participants host gets the next Akka port, so it leads once node1 is gone.
        var akkaPorts = DistinctFreePorts(founders + 1);
        var managementPorts = DistinctFreePorts(founders);
        ParticipantsAkkaPort = akkaPorts[1];
        for (var i = 0; i < founders; i++)
            Members.Add(new Member($"node{i + 1}", akkaPorts[i == 0 ? 0 : i + 1], managementPorts[i], ChildProcess.FreePort()));
    }

    public PostgresDatabase Database { get; }

    public List<Member> Members { get; } = [];

    public int ParticipantsAkkaPort { get; }

    public ParticipantsProcess Participants { get; private set; } = null!;

    public IEnumerable<Member> Serving => Members.Where(m => m.Serving);

    /// <summary>
    /// Starts <paramref name="founders"/> nodes at once (they form the cluster through the bootstrap) and the
    /// participants host, and waits until every node is ready and the simulators answer a saga.
    /// </summary>
    /// <param name="firstFounderLeads">Ports chosen so that node1 is the leader and the oldest node, and the participants host leads after it.</param>
    public static async Task<ClusterRun> StartAsync(
        ITestOutputHelper output,
        int founders,
        IDictionary<string, string?>? nodeOverrides = null,
        IDictionary<string, string?>? participantsOverrides = null,
        bool firstFounderLeads = false)
    {
        var database = await PostgresDatabase.CreateAsync();
        var run = new ClusterRun(output, database, founders, new Dictionary<string, string?>(nodeOverrides ?? new Dictionary<string, string?>()), firstFounderLeads);
        try
        {
            // The journal's tables are created by the first node; the others start once it is ready, so no two
            // create them at once (PostgreSQL's CREATE TABLE IF NOT EXISTS races on its catalog).
            run.Launch(run.Members[0]);
            var hostSettings = new Dictionary<string, string?>
            {
                ["ActorOrders:Participants:MinLatency"] = "00:00:00.050",
                ["ActorOrders:Participants:MaxLatency"] = "00:00:00.150",
            };
            for (var i = 0; i < founders; i++) hostSettings[$"ActorOrders:Cluster:SeedNodes:{i}"] = run.Members[i].Address;
            // The nodes' timings, not the single-node tests' long stable-after: the host leads whenever its address is
            // the lowest, and a leader that decides later than the others' down-all-when-unstable downs everyone.
            hostSettings["ActorOrders:Cluster:SplitBrainStableAfter"] = null;
            foreach (var (k, v) in BenchOverrides()) hostSettings[k] = v;
            foreach (var (k, v) in participantsOverrides ?? new Dictionary<string, string?>()) hostSettings[k] = v;
            run.Participants = run.Track(ParticipantsProcess.Start("participants", run.ParticipantsAkkaPort, run.Members[0].AkkaPort, run._folder.FullName, hostSettings));
            // The bootstrap forms the cluster once it has seen every founder's management endpoint: start them all before waiting.
            foreach (var member in run.Members.Skip(1)) run.Launch(member);
            await Task.WhenAll(run.Members.Select(m => m.Process.WaitReadyAsync(StartDeadline)));
            await run.Participants.WaitReadyAsync(StartDeadline);
            foreach (var member in run.Members) member.Serving = true;
            await run.WaitForUpMembersAsync(founders + 1, StartDeadline);
            return run;
        }
        catch
        {
            run.WriteOutput();
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node (scale-out): its bootstrap finds the running nodes and joins them.</summary>
    public async Task<Member> JoinAsync()
    {
        var member = NewMember();
        Members.Add(member);
        Launch(member);
        await member.Process.WaitReadyAsync(StartDeadline);
        member.Serving = true;
        return member;
    }

    /// <summary>Members Up as <paramref name="from"/> sees them (the admin API), roles included.</summary>
    public static async Task<IReadOnlyList<(string Address, string Status, string[] Roles)>> MembersAsync(Member from)
    {
        using var response = await from.Admin.GetAsync("/admin/v1/cluster/members");
        if (response.StatusCode != HttpStatusCode.OK) return [];
        var json = await response.JsonAsync();
        return [.. json.GetProperty("members").EnumerateArray().Select(m => (
            m.GetProperty("address").GetString()!,
            m.GetProperty("status").GetString()!,
            m.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray()))];
    }

    public Task WaitForUpMembersAsync(int count, TimeSpan deadline) =>
        Eventually.Until(async () =>
        {
            var from = Serving.First();
            return (await MembersAsync(from)).Count(m => m.Status == "Up") == count;
        }, deadline, $"{count} members Up");

    /// <summary>The cluster's leader and the leader of each role, as <paramref name="from"/> sees them.</summary>
    public static async Task<IReadOnlySet<string>> LeadersAsync(Member from)
    {
        using var response = await from.Admin.GetAsync("/admin/v1/cluster/leader");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = await response.JsonAsync();
        return json.GetProperty("roleLeaders").EnumerateObject().Select(p => p.Value.GetString()).Append(json.GetProperty("leader").GetString())
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The cluster's leader as <paramref name="from"/> sees it (null while there is none).</summary>
    public static async Task<string?> LeaderAsync(Member from)
    {
        using var response = await from.Admin.GetAsync("/admin/v1/cluster/leader");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("leader").GetString();
    }

    /// <summary>The ids of the order shards a node hosts (its admin API's shard-stats).</summary>
    public static async Task<IReadOnlySet<string>> ShardsOfAsync(Member member)
    {
        using var response = await member.Admin.GetAsync($"/admin/v1/sharding/regions/{OrderMessageExtractor.TypeName}/shard-stats");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("shardId").GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Shards per region address, as the coordinator reports them through <paramref name="from"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> AllocationAsync(Member from)
    {
        using var response = await from.Admin.GetAsync($"/admin/v1/sharding/regions/{OrderMessageExtractor.TypeName}/region-stats");
        if (response.StatusCode != HttpStatusCode.OK) return new Dictionary<string, int>();
        return (await response.JsonAsync()).GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("address").GetString()!, r => r.GetProperty("shards").GetInt32(), StringComparer.Ordinal);
    }

    /// <summary>The newest event of each order in the journal: its sequence number and manifest (one query for all).</summary>
    public async Task<Dictionary<string, (long SequenceNr, string Manifest)>> JournalProgressAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT ON (persistence_id) persistence_id, sequence_number, manifest FROM journal " +
            "WHERE persistence_id LIKE 'order-%' ORDER BY persistence_id, sequence_number DESC", connection);
        var progress = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) progress[reader.GetString(0)["order-".Length..]] = (reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
        return progress;
    }

    /// <summary>Manifests of the events after which an order does nothing more by itself.</summary>
    public static readonly IReadOnlySet<string> TerminalManifests = new HashSet<string>(StringComparer.Ordinal)
    {
        "OrderCompleted.v1", "OrderCancelled.v1", "OrderRejected.v1", "CompensationStalled.v1",
    };

    /// <summary>Status of each order in the read model.</summary>
    public async Task<Dictionary<string, string>> StatusesAsync() =>
        (await ReadModelRows.AllAsync(Database.Store)).ToDictionary(r => r.Key, r => r.Value.Status, StringComparer.Ordinal);

    public void WriteOutput()
    {
        foreach (var process in _processes) process.WriteOutputTo(_output);
    }

    public async ValueTask DisposeAsync()
    {
        // bench/cluster-failover.sh sets this to read where a failover's seconds went in the members' own logs.
        if (Environment.GetEnvironmentVariable("ACTORORDERS_TEST_PROCESS_OUTPUT") == "always") WriteOutput();
        foreach (var process in _processes) await process.DisposeAsync();
        foreach (var member in Members) member.Admin.Dispose();
        await Database.DisposeAsync();
        try { _folder.Delete(recursive: true); }
        catch (IOException) { /* the OS temp cleaner gets it */ }
    }

    private static int[] DistinctFreePorts(int count)
    {
        var ports = new SortedSet<int>();
        while (ports.Count < count) ports.Add(ChildProcess.FreePort());
        return [.. ports];
    }

    private Member NewMember() =>
        new($"node{Members.Count + 1}", ChildProcess.FreePort(), ChildProcess.FreePort(), ChildProcess.FreePort());

    private void Launch(Member member)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:Formation"] = "Bootstrap",
            ["ActorOrders:Cluster:Bootstrap:Discovery"] = "Config",
            ["ActorOrders:Cluster:Bootstrap:RequiredContactPoints"] = _founders.ToString(CultureInfo.InvariantCulture),
            ["ActorOrders:Cluster:Bootstrap:StableMargin"] = "00:00:01",
            ["ActorOrders:Cluster:Management:Port"] = member.ManagementPort.ToString(CultureInfo.InvariantCulture),
            ["ActorOrders:Admin:Url"] = $"http://127.0.0.1:{member.AdminPort.ToString(CultureInfo.InvariantCulture)}",
            ["ActorOrders:Projections:PollInterval"] = "00:00:00.100",
            ["ActorOrders:Saga:PassivateAfter"] = "00:00:01",
            ["ActorOrders:Cluster:ShutdownTimeout"] = "00:00:30",
            // The stop's milestones (readiness off, CoordinatedShutdown) for the timeline of a graceful leave.
            ["Logging:LogLevel:ActorOrders.Node.Wiring"] = "Information",
            ["Logging:LogLevel:Akka.Actor.CoordinatedShutdown"] = "Information",
        };
        // The founders' endpoints and this node's own (a joiner lists itself too, as a new pod is discovered).
        var contactPoints = Members.Take(_founders).Select(m => m.ManagementPort).Append(member.ManagementPort).Distinct().ToList();
        for (var i = 0; i < contactPoints.Count; i++)
            settings[$"ActorOrders:Cluster:Bootstrap:ContactPoints:{i}"] = $"127.0.0.1:{contactPoints[i].ToString(CultureInfo.InvariantCulture)}";
        foreach (var (k, v) in _nodeOverrides) settings[k] = v;
        foreach (var (k, v) in BenchOverrides()) settings[k] = v;
        member.Process = Track(NodeProcess.Start(member.Name, Database.Store, member.AkkaPort, _folder.FullName, settings));
    }

    /// <summary>
    /// bench/cluster-failover.sh runs these tests with other cluster timings: ACTORORDERS_CLUSTER_BENCH_SETTINGS,
    /// "Key=Value;Key=Value" (e.g. ActorOrders:Cluster:SplitBrainStableAfter=00:00:05). Unset in CI.
    /// </summary>
    /// <summary>Whether the nodes run the crash detector (on, unless the bench's settings turn it off).</summary>
    public static bool CrashDetectorOn => !BenchOverrides().Any(o =>
        o.Key == "ActorOrders:Cluster:DownCrashedMembers" && o.Value.Equals("false", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<(string Key, string Value)> BenchOverrides() =>
        (Environment.GetEnvironmentVariable("ACTORORDERS_CLUSTER_BENCH_SETTINGS") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (kv[0], kv[1]));

    private T Track<T>(T process) where T : ChildProcess
    {
        _processes.Add(process);
        _output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} started {process.Name} (pid {process.Pid})");
        return process;
    }
}
