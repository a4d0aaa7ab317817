using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>The node on PostgreSQL (ACTORORDERS_POSTGRES), each test on a database of its own.</summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task A_placed_order_completes_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await StoreScenarios.PlacedOrderCompletes(database.Store);
    }

    [PostgresFact]
    public async Task A_restarted_node_serves_every_order_and_its_history_from_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await StoreScenarios.RestartKeepsOrdersAndHistory(database.Store);
    }
}
