using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests.Support;

/// <summary>A node process (ActorOrders.Node.dll) in Remote mode: its participants are those of a <see cref="ParticipantsProcess"/>.</summary>
public sealed class NodeProcess : ChildProcess
{
    private NodeProcess(string name, IReadOnlyDictionary<string, string?> settings, string workingDirectory)
        : base(name, "ActorOrders.Node.dll", settings, workingDirectory)
    {
    }

    /// <summary>
    /// Starts a node on <paramref name="journalFile"/> with Akka on <paramref name="akkaPort"/>. Its seeds are
    /// itself, then the participants host: a node restarted on the same port rejoins the host's cluster
    /// (the host removes the crashed incarnation) instead of forming a new one without it.
    /// </summary>
    public static NodeProcess Start(string name, string journalFile, int akkaPort, int participantsAkkaPort, string workingDirectory, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(NodeConfig.Defaults);
        foreach (var (k, v) in CommonSettings()) settings[k] = v;
        foreach (var (k, v) in StoreConfig.Sqlite(journalFile).Settings) settings[k] = v;
        settings["ActorOrders:Participants:Mode"] = "Remote";
        settings["ActorOrders:Cluster:Port"] = akkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["ActorOrders:Cluster:SeedNodes:0"] = ProcessScenario.Seed(akkaPort);
        settings["ActorOrders:Cluster:SeedNodes:1"] = ProcessScenario.Seed(participantsAkkaPort);
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new NodeProcess(name, settings, workingDirectory);
    }

    /// <summary>
    /// Starts a node of a multi-node cluster on <paramref name="store"/> in Remote mode: how it forms or joins
    /// the cluster (seeds or bootstrap) is in <paramref name="settings"/>.
    /// </summary>
    public static NodeProcess Start(string name, StoreConfig store, int akkaPort, string workingDirectory, IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(NodeConfig.Defaults);
        foreach (var (k, v) in CommonSettings()) all[k] = v;
        foreach (var (k, v) in store.Settings) all[k] = v;
        all["ActorOrders:Participants:Mode"] = "Remote";
        all["ActorOrders:Cluster:Port"] = akkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (k, v) in settings) all[k] = v;
        return new NodeProcess(name, all, workingDirectory);
    }
}

/// <summary>The participants host process (ActorOrders.Participants.Host.dll): the simulators and their ledger.</summary>
public sealed class ParticipantsProcess : ChildProcess
{
    private ParticipantsProcess(string name, IReadOnlyDictionary<string, string?> settings, string workingDirectory)
        : base(name, "ActorOrders.Participants.Host.dll", settings, workingDirectory)
    {
    }

    /// <summary>Starts the host with Akka on <paramref name="akkaPort"/>, joining the node at <paramref name="nodeAkkaPort"/>.</summary>
    public static ParticipantsProcess Start(string name, int akkaPort, int nodeAkkaPort, string workingDirectory, IDictionary<string, string?>? overrides = null)
    {
        var settings = CommonSettings();
        settings["ActorOrders:Cluster:Port"] = akkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["ActorOrders:Cluster:SeedNodes:0"] = ProcessScenario.Seed(nodeAkkaPort);
        // Alone with the node crashed the host would down itself after this; a restarted node rejoins well before.
        settings["ActorOrders:Cluster:SplitBrainStableAfter"] = "00:00:20";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new ParticipantsProcess(name, settings, workingDirectory);
    }

    /// <summary>Every ledger row, by order id.</summary>
    public async Task<IReadOnlyDictionary<string, JsonElement>> LedgerAsync()
    {
        using var response = await Http.GetAsync("/participants/ledger");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("orders").EnumerateArray()
            .ToDictionary(r => r.GetProperty("orderId").GetString()!, r => r.Clone(), StringComparer.Ordinal);
    }

    /// <summary>AuthorizePayment requests the payment simulator received for one order (0 before the first).</summary>
    public async Task<int> PaymentRequestsAsync(string orderId)
    {
        using var response = await Http.GetAsync($"/participants/ledger?orderId={orderId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await response.JsonAsync()).GetProperty("orders");
        return rows.GetArrayLength() == 0 ? 0 : rows[0].GetProperty("paymentRequests").GetInt32();
    }
}

/// <summary>
/// The processes of one test, a folder of their own (the SQLite journal, their working directory) and the
/// Akka ports fixed up front so node and host find each other across restarts. <see cref="RunAsync"/> writes
/// every process's output to the test output when the test fails; disposing kills what still runs.
/// </summary>
public sealed class ProcessScenario(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<ChildProcess> _started = [];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actororders-processes-");

    public string JournalFile => Path.Combine(_folder.FullName, "journal.db");

    public int NodeAkkaPort { get; } = ChildProcess.FreePort();

    public int ParticipantsAkkaPort { get; } = ChildProcess.FreePort();

    public static string Seed(int port) => $"akka.tcp://ActorOrders@127.0.0.1:{port}";

    public ParticipantsProcess StartParticipants(IDictionary<string, string?>? overrides = null) =>
        Track(ParticipantsProcess.Start($"participants#{_started.Count + 1}", ParticipantsAkkaPort, NodeAkkaPort, _folder.FullName, overrides));

    public NodeProcess StartNode(IDictionary<string, string?>? overrides = null) =>
        Track(NodeProcess.Start($"node#{_started.Count + 1}", JournalFile, NodeAkkaPort, ParticipantsAkkaPort, _folder.FullName, overrides));

    /// <summary>Runs the test's body; on failure every process's output goes to the test output first.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            foreach (var process in _started) process.WriteOutputTo(output);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started) await process.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { _folder.Delete(recursive: true); }
        catch (IOException) { /* the OS temp cleaner gets it */ }
    }

    private T Track<T>(T process) where T : ChildProcess
    {
        _started.Add(process);
        output.WriteLine($"started {process.Name} (pid {process.Pid})");
        return process;
    }
}
