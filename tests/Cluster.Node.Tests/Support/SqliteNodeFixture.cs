namespace ActorOrders.Node.Tests.Support;

/// <summary>One node on a fresh SQLite file, shared by the tests of one class (each uses its own order ids).</summary>
public class SqliteNodeFixture : IAsyncLifetime
{
    private readonly TempSqlite _sqlite = new();
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http => Node.Http;

    public string JournalFile => _sqlite.File;

    /// <summary>Settings this fixture's node runs with, on top of <see cref="NodeConfig.Defaults"/>.</summary>
    protected virtual IDictionary<string, string?> Overrides => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _node = await TestNode.StartAsync(_sqlite.Store, overrides: Overrides);

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
        _sqlite.Dispose();
    }
}

/// <summary>A node whose simulated participants take about a second per reply, so a saga can be caught mid-step.</summary>
public sealed class SlowParticipantsNodeFixture : SqliteNodeFixture
{
    protected override IDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["ActorOrders:Participants:MinLatency"] = "00:00:01",
        ["ActorOrders:Participants:MaxLatency"] = "00:00:01.500",
        ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
        ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:05",
    };
}
