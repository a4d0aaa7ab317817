using System.Globalization;
using ActorOrders.Projections;

namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>One parked record of orders.commands.</summary>
public sealed record ParkedRecord(string OrderId, string Topic, int Partition, long Offset, string? Key, byte[] Payload, string Error, int Attempts, DateTimeOffset ParkedAt);

/// <summary>
/// The ordered quarantine of the ingest (table <c>ingest_quarantine</c>, next to the journal). A
/// record whose handling keeps failing transiently past its retry budget is parked here, and every
/// later record of the same order is parked behind it, in offset order, while the other orders of
/// the partition flow on. A record is stored before the partition's offset moves past it. Redrive
/// replays an order's parked records in their original order; discarding the head leaves the rest
/// parked (redrive them, or discard them one by one).
/// </summary>
public sealed class IngestQuarantine(ProjectionDatabase database)
{
    /// <summary>The table name.</summary>
    public const string Table = "ingest_quarantine";

    private readonly HashSet<string> _quarantined = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _records;

    /// <summary>Records parked, as this node knows them (counted at start, then its own parks and removals).</summary>
    public long ParkedRecords => Interlocked.Read(ref _records);

    /// <summary>Orders with parked records, as this node knows them.</summary>
    public int QuarantinedOrders
    {
        get { lock (_lock) return _quarantined.Count; }
    }

    /// <summary>Creates the table when missing and loads the orders that have parked records.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var binary = database.Dialect.Binary;
        var id = database.Provider == DatabaseProvider.PostgreSql ? "TEXT COLLATE \"C\"" : "TEXT";
        await database.ExecuteDdlAsync($"""
            CREATE TABLE IF NOT EXISTS {Table} (
              topic {database.Dialect.Text} NOT NULL,
              partition_id INTEGER NOT NULL,
              offset_value {database.Dialect.BigInt} NOT NULL,
              order_id {id} NOT NULL,
              record_key {database.Dialect.Text} NULL,
              payload {binary} NOT NULL,
              error {database.Dialect.Text} NOT NULL,
              attempts INTEGER NOT NULL,
              parked_at {database.Dialect.BigInt} NOT NULL,
              PRIMARY KEY (topic, partition_id, offset_value)
            );
            CREATE INDEX IF NOT EXISTS ix_{Table}_order ON {Table} (order_id, partition_id, offset_value);
            """, ct);

        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx, $"SELECT DISTINCT order_id FROM {Table}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new List<string>();
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        lock (_lock) _quarantined.UnionWith(ids);
        await reader.DisposeAsync();
        await using var count = connection.CreateCommand(tx, $"SELECT COUNT(*) FROM {Table}");
        Interlocked.Exchange(ref _records, Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
    }

    /// <summary>True when the order has parked records: its next records must be parked behind them.</summary>
    public bool IsQuarantined(string orderId)
    {
        lock (_lock) return _quarantined.Contains(orderId);
    }

    /// <summary>Parks a record (idempotent: a record parked twice after a redelivery is stored once).</summary>
    public async Task ParkAsync(ParkedRecord record, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        int parked;
        await using (var command = connection.CreateCommand(tx, $"""
            INSERT INTO {Table} (topic, partition_id, offset_value, order_id, record_key, payload, error, attempts, parked_at)
            VALUES (@topic, @partition, @offset, @order, @key, @payload, @error, @attempts, @at)
            ON CONFLICT (topic, partition_id, offset_value) DO NOTHING
            """))
        {
            command.AddParameter("topic", record.Topic).AddParameter("partition", record.Partition).AddParameter("offset", record.Offset)
                .AddParameter("order", record.OrderId).AddParameter("key", record.Key).AddParameter("payload", record.Payload)
                .AddParameter("error", record.Error).AddParameter("attempts", record.Attempts).AddParameter("at", record.ParkedAt.UtcTicks);
            parked = await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (parked > 0) Interlocked.Increment(ref _records);
        lock (_lock) _quarantined.Add(record.OrderId);
    }

    /// <summary>The parked records of one order (or of every order), oldest first.</summary>
    public async Task<IReadOnlyList<ParkedRecord>> ListAsync(string? orderId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx,
            $"SELECT order_id, topic, partition_id, offset_value, record_key, payload, error, attempts, parked_at FROM {Table}" +
            (orderId is null ? "" : " WHERE order_id = @order") + " ORDER BY order_id, partition_id, offset_value");
        if (orderId is not null) command.AddParameter("order", orderId);
        var records = new List<ParkedRecord>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            records.Add(new ParkedRecord(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), (byte[])reader.GetValue(5), reader.GetString(6), reader.GetInt32(7),
                new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero)));
        }

        return records;
    }

    /// <summary>Removes one parked record (handled by a redrive, or discarded); the order leaves the quarantine with its last one.</summary>
    public async Task RemoveAsync(ParkedRecord record, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        int removed;
        await using (var command = connection.CreateCommand(tx, $"DELETE FROM {Table} WHERE topic = @topic AND partition_id = @partition AND offset_value = @offset"))
        {
            command.AddParameter("topic", record.Topic).AddParameter("partition", record.Partition).AddParameter("offset", record.Offset);
            removed = await command.ExecuteNonQueryAsync(ct);
        }

        long left;
        await using (var count = connection.CreateCommand(tx, $"SELECT COUNT(*) FROM {Table} WHERE order_id = @order"))
        {
            count.AddParameter("order", record.OrderId);
            left = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        await tx.CommitAsync(ct);
        if (removed > 0 && Interlocked.Decrement(ref _records) < 0) Interlocked.Exchange(ref _records, 0);
        if (left == 0)
        {
            lock (_lock) _quarantined.Remove(record.OrderId);
        }
    }
}
