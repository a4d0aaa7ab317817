using System.Data.Common;
using System.Globalization;
using System.Text;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Serialization;
using ActorOrders.Projections;

namespace ActorOrders.ReadSide.ReadModel;

/// <summary>
/// Queries of the order read model: the listing (newest first, filtered, keyset-paged) and single
/// rows. Reads run in deferred transactions on SQLite, so they never wait for the journal's writer.
/// </summary>
public sealed class OrderReadModel(ProjectionDatabase database)
{
    /// <summary>The projection that maintains the rows (its offsets are stored under this name).</summary>
    public const string ProjectionName = "orders-read-model";

    private const string Columns = "order_id, status, customer_id, total, currency, placed_at, updated_at, current_step, attempts, reason";

    /// <summary>Creates the table and its indexes when missing (safe when several nodes start at once).</summary>
    public Task EnsureSchemaAsync(CancellationToken ct = default) =>
        database.ExecuteDdlAsync(OrderReadModelSchema.Ddl(database.Dialect), ct);

    /// <summary>
    /// One page, sorted by (placedAt desc, orderId desc). Paging continues strictly after
    /// <see cref="OrderListQuery.After"/>, and placedAt never changes, so each matching order appears
    /// once across pages even while rows change.
    /// </summary>
    public async Task<OrderListPage> ListAsync(OrderListQuery query, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, OrderListQuery.MaxLimit);

        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx, "");
        var where = new List<string>();
        if (query.Statuses.Count > 0)
        {
            var names = query.Statuses.Distinct().Select((s, i) =>
            {
                command.AddParameter("s" + i.ToString(CultureInfo.InvariantCulture), s.ToString());
                return "@s" + i.ToString(CultureInfo.InvariantCulture);
            });
            where.Add($"status IN ({string.Join(", ", names)})");
        }

        if (query.CustomerId is not null)
        {
            where.Add("customer_id = @customer");
            command.AddParameter("customer", query.CustomerId);
        }

        if (query.UpdatedBefore is { } before)
        {
            where.Add("updated_at < @updatedBefore");
            command.AddParameter("updatedBefore", before.UtcTicks);
        }

        if (query.After is { } after)
        {
            where.Add("(placed_at, order_id) < (@afterPlaced, @afterId)");
            command.AddParameter("afterPlaced", after.PlacedAt.UtcTicks).AddParameter("afterId", after.OrderId);
        }

        var sql = new StringBuilder($"SELECT {Columns} FROM {OrderReadModelSchema.Table}");
        if (where.Count > 0) sql.Append(" WHERE ").Append(string.Join(" AND ", where));
        // One row more than asked tells whether there is a next page.
        sql.Append(" ORDER BY placed_at DESC, order_id DESC LIMIT @limit");
        command.AddParameter("limit", query.Limit + 1);
        command.CommandText = sql.ToString();

        var items = new List<OrderListItem>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) items.Add(Read(reader));
        }

        if (items.Count <= query.Limit) return new OrderListPage(items, Next: null);
        items.RemoveAt(items.Count - 1);
        var last = items[^1];
        return new OrderListPage(items, new OrderListPosition(last.PlacedAt, last.OrderId));
    }

    /// <summary>The statuses of a saga that runs by itself (not finished, not waiting for a person).</summary>
    public static readonly IReadOnlyList<OrderStatus> InFlightStatuses =
        [OrderStatus.Placed, OrderStatus.AwaitingPayment, OrderStatus.AwaitingInventory, OrderStatus.AwaitingShipment, OrderStatus.Compensating];

    /// <summary>The ids of every order in flight (<see cref="InFlightStatuses"/>).</summary>
    public async Task<IReadOnlyList<string>> InFlightAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx, "");
        var names = InFlightStatuses.Select((s, i) =>
        {
            command.AddParameter("s" + i.ToString(CultureInfo.InvariantCulture), s.ToString());
            return "@s" + i.ToString(CultureInfo.InvariantCulture);
        });
        command.CommandText = $"SELECT order_id FROM {OrderReadModelSchema.Table} WHERE status IN ({string.Join(", ", names)})";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>
    /// The view of an order whose row is final (Completed, Rejected, Cancelled: it never changes again),
    /// built from the row's folded state the way the order builds it; null otherwise.
    /// </summary>
    public async Task<OrderView?> FinalViewAsync(string orderId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx,
            $"SELECT status, last_sequence_nr, state_manifest, state FROM {OrderReadModelSchema.Table} WHERE order_id = @id");
        command.AddParameter("id", orderId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || !OrderViews.IsFinal(Enum.Parse<OrderStatus>(reader.GetString(0)))) return null;
        return OrderViews.Of(OrderStateCodec.Read(reader.GetString(2), (byte[])reader.GetValue(3)), reader.GetInt64(1));
    }

    /// <summary>The row of one order, or null when the read model has none (yet).</summary>
    public async Task<OrderListItem?> GetAsync(string orderId, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx, $"SELECT {Columns} FROM {OrderReadModelSchema.Table} WHERE order_id = @id");
        command.AddParameter("id", orderId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static OrderListItem Read(DbDataReader r) => new(
        r.GetString(0),
        Enum.Parse<OrderStatus>(r.GetString(1)),
        r.GetString(2),
        r.GetValue(3) is decimal d ? d : decimal.Parse(r.GetString(3), NumberStyles.Number, CultureInfo.InvariantCulture),
        r.GetString(4),
        new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero),
        new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero),
        r.IsDBNull(7) ? null : Enum.Parse<ParticipantAction>(r.GetString(7)),
        r.GetInt32(8),
        r.IsDBNull(9) ? null : r.GetString(9));
}
