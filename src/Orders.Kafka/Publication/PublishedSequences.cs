using System.Globalization;
using System.Text;
using ActorOrders.Projections;

namespace ActorOrders.Orders.Kafka.Publication;

/// <summary>
/// The last sequence number published per order (table <c>order_events_published</c>, next to the
/// journal): what lets the publisher see a gap — an event the tag query never delivered — and
/// publish the missing events first, also after a restart.
/// </summary>
public sealed class PublishedSequences(ProjectionDatabase database)
{
    /// <summary>The table name.</summary>
    public const string Table = "order_events_published";

    // SQLite compares bound parameter names linearly: keep statements small there.
    private int Chunk => database.Provider == DatabaseProvider.Sqlite ? 64 : 500;

    /// <summary>Idempotent DDL.</summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) => database.ExecuteDdlAsync($"""
        CREATE TABLE IF NOT EXISTS {Table} (
          order_id {(database.Provider == DatabaseProvider.PostgreSql ? "TEXT COLLATE \"C\"" : "TEXT")} NOT NULL PRIMARY KEY,
          last_sequence_nr {database.Dialect.BigInt} NOT NULL
        );
        """, ct);

    /// <summary>The last published sequence number of each of <paramref name="orderIds"/> that has one.</summary>
    public async Task<Dictionary<string, long>> LoadAsync(IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        for (var from = 0; from < orderIds.Count; from += Chunk)
        {
            await using var command = connection.CreateCommand(tx, "");
            var names = new List<string>();
            for (var i = from; i < Math.Min(orderIds.Count, from + Chunk); i++)
            {
                var name = "i" + (i - from).ToString(CultureInfo.InvariantCulture);
                names.Add("@" + name);
                command.AddParameter(name, orderIds[i]);
            }

            command.CommandText = $"SELECT order_id, last_sequence_nr FROM {Table} WHERE order_id IN ({string.Join(", ", names)})";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }

    /// <summary>Records what was published (only ever forward).</summary>
    public async Task SaveAsync(IReadOnlyDictionary<string, long> published, CancellationToken ct)
    {
        if (published.Count == 0) return;
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        var rows = published.ToList();
        var perStatement = database.Provider == DatabaseProvider.Sqlite ? 16 : 250;
        for (var from = 0; from < rows.Count; from += perStatement)
        {
            await using var command = connection.CreateCommand(tx, "");
            var sql = new StringBuilder($"INSERT INTO {Table} (order_id, last_sequence_nr) VALUES ");
            for (var i = from; i < Math.Min(rows.Count, from + perStatement); i++)
            {
                var p = (i - from).ToString(CultureInfo.InvariantCulture);
                sql.Append(i == from ? "" : ", ").Append($"(@o{p}, @s{p})");
                command.AddParameter("o" + p, rows[i].Key).AddParameter("s" + p, rows[i].Value);
            }

            sql.Append($" ON CONFLICT (order_id) DO UPDATE SET last_sequence_nr = excluded.last_sequence_nr WHERE {Table}.last_sequence_nr < excluded.last_sequence_nr");
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }
}
