using System.Globalization;
using ActorOrders.Projections;
using ActorOrders.ReadSide.ReadModel;

namespace ActorOrders.Node.Tests.Support;

/// <summary>One row of the read model, read straight from its table (including what the API does not show).</summary>
public sealed record ReadModelRow(
    string OrderId, string Status, string CustomerId, decimal Total, string Currency,
    DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt, string? CurrentStep, int Attempts, string? Reason, long LastSequenceNr);

/// <summary>Reads the node's read model table directly, to compare it with what the orders say.</summary>
public static class ReadModelRows
{
    public static ProjectionDatabase Database(StoreConfig store)
    {
        var provider = store.Settings["ActorOrders:Persistence:Provider"] == "PostgreSql" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;
        return new ProjectionDatabase(provider, store.Settings["ActorOrders:Persistence:ConnectionString"]!);
    }

    public static async Task<Dictionary<string, ReadModelRow>> AllAsync(StoreConfig store)
    {
        var database = Database(store);
        await using var connection = await database.OpenAsync();
        await using var tx = await database.BeginReadAsync(connection);
        await using var command = connection.CreateCommand(tx,
            $"SELECT order_id, status, customer_id, total, currency, placed_at, updated_at, current_step, attempts, reason, last_sequence_nr FROM {OrderReadModelSchema.Table}");
        var rows = new Dictionary<string, ReadModelRow>(StringComparer.Ordinal);
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            rows[r.GetString(0)] = new ReadModelRow(
                r.GetString(0), r.GetString(1), r.GetString(2),
                r.GetValue(3) is decimal d ? d : decimal.Parse(r.GetString(3), CultureInfo.InvariantCulture),
                r.GetString(4),
                new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero), new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetInt32(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetInt64(10));
        }

        return rows;
    }
}
