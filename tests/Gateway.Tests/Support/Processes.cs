using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorOrders.Gateway.Tests.Support;

/// <summary>A node process (ActorOrders.Node.dll) on its own SQLite file with simulated participants and short saga timeouts.</summary>
public sealed class NodeProcess : ChildProcess
{
    private NodeProcess(string name, IReadOnlyDictionary<string, string?> settings, string workingDirectory)
        : base(name, "ActorOrders.Node.dll", settings, workingDirectory)
    {
    }

    public static NodeProcess Start(string name, string journalFile, int akkaPort, string workingDirectory, IDictionary<string, string?>? overrides = null)
    {
        var settings = CommonSettings();
        settings["ActorOrders:Persistence:Provider"] = "Sqlite";
        settings["ActorOrders:Persistence:ConnectionString"] = $"Data Source={journalFile}";
        settings["ActorOrders:Cluster:Port"] = akkaPort.ToString(CultureInfo.InvariantCulture);
        settings["ActorOrders:Cluster:SplitBrainStableAfter"] = "00:00:03";
        settings["ActorOrders:Sharding:NumberOfShards"] = "10";
        settings["ActorOrders:Participants:MinLatency"] = "00:00:00";
        settings["ActorOrders:Participants:MaxLatency"] = "00:00:00.005";
        settings["ActorOrders:Saga:Steps:Timeout"] = "00:00:01";
        // The participants in process, no broker: these tests are about HTTP through the gateway, not Kafka.
        settings["ActorOrders:Participants:Mode"] = "Simulated";
        settings["ActorOrders:Kafka:Enabled"] = "false";
        // The admin listener on a free port, never the default 9110 another node may hold.
        settings["ActorOrders:Admin:Url"] = "http://127.0.0.1:0";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new NodeProcess(name, settings, workingDirectory);
    }
}

/// <summary>A gateway process (ActorOrders.Gateway.dll) joining the node at <c>nodeAkkaPort</c>, Akka on a free port of its own.</summary>
public sealed partial class GatewayProcess : ChildProcess
{
    private GatewayProcess(string name, IReadOnlyDictionary<string, string?> settings, string workingDirectory)
        : base(name, "ActorOrders.Gateway.dll", settings, workingDirectory)
    {
    }

    public static GatewayProcess Start(string name, int nodeAkkaPort, string workingDirectory, IDictionary<string, string?>? overrides = null)
    {
        var settings = CommonSettings();
        settings["ActorOrders:Cluster:SeedNodes:0"] = Seed(nodeAkkaPort);
        settings["ActorOrders:Cluster:SplitBrainStableAfter"] = "00:00:03";
        settings["ActorOrders:Sharding:NumberOfShards"] = "10";
        // The request id is logged (as a scope) by the lines of this category, which the tests read.
        settings["Logging:LogLevel:ActorOrders.Http"] = "Warning";
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        return new GatewayProcess(name, settings, workingDirectory);
    }

    public static string Seed(int port) => $"akka.tcp://ActorOrders@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Waits until the process has exited by itself and returns its exit code (read from the harness's own report).</summary>
    public async Task<int> ExitCodeAsync(TimeSpan deadline)
    {
        await Eventually.Until(() => Task.FromResult(HasExited), deadline, $"{Name} exits by itself");
        var report = new Capture();
        WriteOutputTo(report);
        var match = ExitCodeLine().Match(report.Text);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"No exit code in: {report.Text[..Math.Min(300, report.Text.Length)]}");
    }

    [GeneratedRegex(@"exit code (-?\d+)\)")]
    private static partial Regex ExitCodeLine();

    private sealed class Capture : ITestOutputHelper
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text => _text.ToString();

        public void WriteLine(string message) => _text.AppendLine(message);

        public void WriteLine(string format, params object[] args) => _text.AppendLine(string.Format(CultureInfo.InvariantCulture, format, args));
    }
}

/// <summary>
/// The processes of one test class: a folder (the node's SQLite journal), the node's Akka port fixed up
/// front so a restarted node is found again, and every process's output in the test log on failure.
/// </summary>
public sealed class Processes : IAsyncDisposable
{
    private readonly List<ChildProcess> _started = [];
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actororders-gateway-");

    public string JournalFile => Path.Combine(_folder.FullName, "journal.db");

    public int NodeAkkaPort { get; } = ChildProcess.FreePort();

    public IReadOnlyList<ChildProcess> Started => _started;

    public NodeProcess StartNode(IDictionary<string, string?>? overrides = null) =>
        Track(NodeProcess.Start($"node#{_started.Count + 1}", JournalFile, NodeAkkaPort, _folder.FullName, overrides));

    public GatewayProcess StartGateway(IDictionary<string, string?>? overrides = null) =>
        Track(GatewayProcess.Start($"gateway#{_started.Count + 1}", NodeAkkaPort, _folder.FullName, overrides));

    /// <summary>Runs a test's body; on failure every process's output goes to the test output first.</summary>
    public async Task RunAsync(ITestOutputHelper output, Func<Task> body)
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
        return process;
    }
}
