using ActorOrders.Projections;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Direct looks at, and writes into, the journal table (default table mapping of Akka.Persistence.Sql).</summary>
public static class JournalTags
{
    /// <summary>Order events that carry a tag.</summary>
    public static async Task<long> TaggedOrderEventsAsync(StoreConfig store)
    {
        var database = ReadModelRows.Database(store);
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(null,
            "SELECT COUNT(*) FROM journal WHERE persistence_id LIKE 'order-%' AND tags IS NOT NULL AND tags <> ''");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
