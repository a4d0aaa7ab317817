using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>The SQLite journal keeps orders across node restarts.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public Task A_restarted_node_serves_every_order_and_its_history_from_the_sqlite_file() =>
        StoreScenarios.RestartKeepsOrdersAndHistory(_sqlite.Store);

    public void Dispose() => _sqlite.Dispose();
}
