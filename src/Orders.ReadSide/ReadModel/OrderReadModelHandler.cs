using System.Data.Common;
using System.Globalization;
using System.Text;
using Akka.Persistence.Query;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Serialization;
using ActorOrders.Domain.State;
using ActorOrders.Projections;

namespace ActorOrders.ReadSide.ReadModel;

/// <summary>
/// Keeps the order read model: folds each order's events with the same <see cref="OrderState.Apply"/>
/// the order itself uses, and writes one row per order, atomically with the slice's offset.
/// </summary>
/// <remarks>
/// <para>Idempotent and gap-aware: a row remembers the last sequence number folded into it. An event
/// at or below it was applied already (at-least-once delivery) and is skipped; one above the next
/// expected number means events of that order were not delivered by the tag query (a write that
/// committed out of order, or events written before tagging), so the missing range is read by
/// persistence id first. A row is written only forward (the upsert keeps a newer row).</para>
/// <para>The rows of a batch are read in one query before the write transaction (on SQLite a read
/// does not take the single write lock) and written in multi-row upserts inside it, with the
/// offset; nothing is cached between batches, so a rolled-back batch leaves no trace.</para>
/// </remarks>
public sealed class OrderReadModelHandler(SqlDialect dialect) : ISqlProjectionHandler
{
    // SQLite finds a named parameter by comparing its name with every other one (quadratic in the
    // parameters of a statement), so its statements stay small; PostgreSQL gains from fewer round trips.
    private int RowsPerStatement => dialect.Provider == DatabaseProvider.Sqlite ? 8 : 100;

    private int IdsPerQuery => dialect.Provider == DatabaseProvider.Sqlite ? 64 : 500;

    /// <summary>The batch's rows as they are, read before the write lock is taken (see <see cref="ISqlProjectionHandler.PrepareAsync"/>).</summary>
    public async Task<object?> PrepareAsync(ProjectionBatch batch, DbConnection connection, DbTransaction readTx, CancellationToken ct)
    {
        var byOrder = ByOrder(batch);
        return byOrder.Count == 0 ? null : new Prepared(byOrder, await LoadAsync(connection, readTx, [.. byOrder.Keys], ct));
    }

    /// <inheritdoc />
    public async Task HandleAsync(ProjectionBatch batch, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        // Rows read before the write lock may be older than the stored ones (a handover): an older base
        // shows as a gap and is caught up, and the upsert never moves a row backwards.
        var (byOrder, current) = batch.Prepared is Prepared p ? (p.ByOrder, p.Rows) : (ByOrder(batch), null);
        if (byOrder.Count == 0) return;
        current ??= await LoadAsync(connection, tx, [.. byOrder.Keys], ct);

        var changed = new List<(OrderState State, long SequenceNr)>(byOrder.Count);
        foreach (var (orderId, envelopes) in byOrder)
        {
            var (state, applied) = current.GetValueOrDefault(orderId, (OrderState.Empty, 0L));
            var before = applied;
            foreach (var envelope in envelopes)
            {
                if (envelope.SequenceNr <= applied) continue;
                if (envelope.SequenceNr > applied + 1)
                    (state, applied) = await CatchUpAsync(batch.CatchUp, envelope.PersistenceId, state, applied, envelope.SequenceNr - 1, ct);
                state = Fold(state, envelope);
                applied = envelope.SequenceNr;
            }

            if (applied > before) changed.Add((state, applied));
        }

        for (var i = 0; i < changed.Count; i += RowsPerStatement)
            await UpsertAsync(connection, tx, changed.Skip(i).Take(RowsPerStatement).ToList(), ct);
    }

    private static Dictionary<string, List<EventEnvelope>> ByOrder(ProjectionBatch batch)
    {
        var byOrder = new Dictionary<string, List<EventEnvelope>>(StringComparer.Ordinal);
        foreach (var envelope in batch.Envelopes)
        {
            if (envelope.Event is not IOrderEvent || OrderSlices.OrderIdOf(envelope.PersistenceId) is not { } orderId) continue;
            if (!byOrder.TryGetValue(orderId, out var list)) byOrder[orderId] = list = [];
            list.Add(envelope);
        }

        return byOrder;
    }

    private sealed record Prepared(Dictionary<string, List<EventEnvelope>> ByOrder, Dictionary<string, (OrderState, long)> Rows);

    private static async Task<(OrderState, long)> CatchUpAsync(
        ICatchUpReader reader, string persistenceId, OrderState state, long applied, long upTo, CancellationToken ct)
    {
        var missing = await reader.ReadAsync(persistenceId, applied + 1, upTo, ct);
        foreach (var envelope in missing)
        {
            if (envelope.SequenceNr != applied + 1) break;
            state = Fold(state, envelope);
            applied = envelope.SequenceNr;
        }

        // The order wrote them in sequence, so they are all stored by now; anything else is worth a retry, not a guess.
        return applied == upTo
            ? (state, applied)
            : throw new InvalidOperationException(
                $"{persistenceId}: events {applied + 1}..{upTo} are not in the journal yet; the batch is retried.");
    }

    private static OrderState Fold(OrderState state, EventEnvelope envelope)
    {
        try
        {
            return state.Apply((IOrderEvent)envelope.Event);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{envelope.PersistenceId} #{envelope.SequenceNr}: {e.Message}", e);
        }
    }

    private async Task<Dictionary<string, (OrderState, long)>> LoadAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<string> orderIds, CancellationToken ct)
    {
        var rows = new Dictionary<string, (OrderState, long)>(StringComparer.Ordinal);
        for (var from = 0; from < orderIds.Count; from += IdsPerQuery)
        {
            var sql = new StringBuilder($"SELECT order_id, last_sequence_nr, state_manifest, state FROM {OrderReadModelSchema.Table} WHERE order_id IN (");
            await using var command = connection.CreateCommand(tx, "");
            for (var i = from; i < Math.Min(orderIds.Count, from + IdsPerQuery); i++)
            {
                var name = "i" + (i - from).ToString(CultureInfo.InvariantCulture);
                sql.Append(i == from ? "@" : ", @").Append(name);
                command.AddParameter(name, orderIds[i]);
            }

            command.CommandText = sql.Append(')').ToString();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var state = OrderStateCodec.Read(reader.GetString(2), (byte[])reader.GetValue(3));
                rows[reader.GetString(0)] = (state, reader.GetInt64(1));
            }
        }

        return rows;
    }

    private async Task UpsertAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<(OrderState State, long SequenceNr)> rows, CancellationToken ct)
    {
        var sql = new StringBuilder($"""
            INSERT INTO {OrderReadModelSchema.Table}
              (order_id, status, customer_id, total, currency, placed_at, updated_at, current_step, attempts, reason, last_sequence_nr, state_manifest, state)
            VALUES
            """);
        await using var command = connection.CreateCommand(tx, "");
        for (var r = 0; r < rows.Count; r++)
        {
            var (state, sequenceNr) = rows[r];
            var item = OrderRow.From(state);
            var (manifest, bytes) = OrderStateCodec.Write(state);
            var p = "p" + r.ToString(CultureInfo.InvariantCulture) + "_";
            sql.Append(r == 0 ? "\n  (" : ",\n  (")
               .Append($"@{p}id, @{p}st, @{p}cu, @{p}to, @{p}cc, @{p}pa, @{p}up, @{p}cs, @{p}at, @{p}re, @{p}sn, @{p}sm, @{p}sb)");
            command.AddParameter(p + "id", item.OrderId)
                .AddParameter(p + "st", item.Status.ToString())
                .AddParameter(p + "cu", item.CustomerId)
                .AddParameter(p + "to", dialect.Provider == DatabaseProvider.PostgreSql ? item.Total : item.Total.ToString(CultureInfo.InvariantCulture))
                .AddParameter(p + "cc", item.Currency)
                .AddParameter(p + "pa", item.PlacedAt.UtcTicks)
                .AddParameter(p + "up", item.UpdatedAt.UtcTicks)
                .AddParameter(p + "cs", item.CurrentStep?.ToString())
                .AddParameter(p + "at", item.Attempts)
                .AddParameter(p + "re", item.Reason)
                .AddParameter(p + "sn", sequenceNr)
                .AddParameter(p + "sm", manifest)
                .AddParameter(p + "sb", bytes);
        }

        sql.Append($"""

            ON CONFLICT (order_id) DO UPDATE SET
              status = excluded.status, customer_id = excluded.customer_id, total = excluded.total, currency = excluded.currency,
              placed_at = excluded.placed_at, updated_at = excluded.updated_at, current_step = excluded.current_step,
              attempts = excluded.attempts, reason = excluded.reason, last_sequence_nr = excluded.last_sequence_nr,
              state_manifest = excluded.state_manifest, state = excluded.state
            WHERE {OrderReadModelSchema.Table}.last_sequence_nr < excluded.last_sequence_nr
            """);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }
}
