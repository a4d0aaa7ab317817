using System.Data.Common;
using System.Globalization;
using ActorOrders.Projections;

namespace ActorOrders.Orders.Kafka.Dlq;

/// <summary>One dead letter as the index keeps it: the orders.dlq record's content and what operators did with it.</summary>
/// <param name="Id">Stable id, <c>dlq-{partition}-{offset}</c> of the record in orders.dlq.</param>
/// <param name="DlqPartition">Its partition in orders.dlq.</param>
/// <param name="DlqOffset">Its offset there.</param>
/// <param name="OriginalTopic">The topic the failed record came from.</param>
/// <param name="Partition">Its partition there.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Key">Its key.</param>
/// <param name="Payload">Its value, as it was.</param>
/// <param name="Error">Why it was dead-lettered.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="Status"><c>open</c>, <c>replayed</c> or <c>discarded</c>.</param>
/// <param name="ActionedBy">Who acted on it last.</param>
/// <param name="ActionedAt">When.</param>
/// <param name="Replays">Times replayed.</param>
public sealed record DeadLetterRow(
    string Id, int DlqPartition, long DlqOffset, string OriginalTopic, int Partition, long Offset, string? Key, byte[] Payload,
    string Error, int Attempts, DateTimeOffset FailedAt, string Status, string? ActionedBy, DateTimeOffset? ActionedAt, int Replays)
{
    /// <summary>The stable id of the record at <paramref name="partition"/>/<paramref name="offset"/> of orders.dlq.</summary>
    public static string IdOf(int partition, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"dlq-{partition}-{offset}");
}

/// <summary>How an action on a dead letter went.</summary>
public enum DeadLetterChange
{
    /// <summary>Done.</summary>
    Done,

    /// <summary>No dead letter with that id.</summary>
    NotFound,

    /// <summary>Its status does not allow it (replayed or discarded already) and it was not forced.</summary>
    Refused,
}

/// <summary>
/// The status of every dead letter (table <c>kafka_dead_letters</c>, in the journal's database): a
/// record of orders.dlq cannot be deleted, so what operators did with it (replayed, discarded, by
/// whom, when) is kept here, one row per dead letter, filled by <see cref="DeadLetterIndexer"/>.
/// Thread-safe; one per database.
/// </summary>
public sealed class DeadLetterIndex(ProjectionDatabase database)
{
    /// <summary>The table name.</summary>
    public const string Table = "kafka_dead_letters";

    /// <summary>Status of a dead letter nobody acted on.</summary>
    public const string Open = "open", Replayed = "replayed", Discarded = "discarded";

    private const string Columns =
        "id, dlq_partition, dlq_offset, original_topic, original_partition, original_offset, record_key, payload, error, attempts, failed_at, status, actioned_by, actioned_at, replays";

    private long _open;

    /// <summary>Open dead letters at the last count (refreshed by every change here and by <see cref="RefreshOpenCountAsync"/>).</summary>
    public long OpenCount => Interlocked.Read(ref _open);

    /// <summary>Creates the table when missing and counts the open dead letters.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var d = database.Dialect;
        var id = database.Provider == DatabaseProvider.PostgreSql ? "TEXT COLLATE \"C\"" : "TEXT";
        await database.ExecuteDdlAsync($"""
            CREATE TABLE IF NOT EXISTS {Table} (
              id {id} NOT NULL PRIMARY KEY,
              dlq_partition INTEGER NOT NULL,
              dlq_offset {d.BigInt} NOT NULL,
              original_topic {d.Text} NOT NULL,
              original_partition INTEGER NOT NULL,
              original_offset {d.BigInt} NOT NULL,
              record_key {d.Text} NULL,
              payload {d.Binary} NOT NULL,
              error {d.Text} NOT NULL,
              attempts INTEGER NOT NULL,
              failed_at {d.BigInt} NOT NULL,
              status {d.Text} NOT NULL,
              actioned_by {d.Text} NULL,
              actioned_at {d.BigInt} NULL,
              replays INTEGER NOT NULL,
              indexed_at {d.BigInt} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_{Table}_status ON {Table} (status, failed_at);
            CREATE INDEX IF NOT EXISTS ix_{Table}_failed ON {Table} (failed_at);
            """, ct);
        await RefreshOpenCountAsync(ct);
    }

    /// <summary>Adds a dead letter, open (idempotent: a record indexed again after a redelivery keeps its row and status). True when added.</summary>
    public async Task<bool> AddAsync(DeadLetterRow row, DateTimeOffset indexedAt, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        int added;
        await using (var command = connection.CreateCommand(tx, $"""
            INSERT INTO {Table} ({Columns}, indexed_at)
            VALUES (@id, @dlqPartition, @dlqOffset, @topic, @partition, @offset, @key, @payload, @error, @attempts, @failedAt, @status, NULL, NULL, 0, @indexedAt)
            ON CONFLICT (id) DO NOTHING
            """))
        {
            command.AddParameter("id", row.Id).AddParameter("dlqPartition", row.DlqPartition).AddParameter("dlqOffset", row.DlqOffset)
                .AddParameter("topic", row.OriginalTopic).AddParameter("partition", row.Partition).AddParameter("offset", row.Offset)
                .AddParameter("key", row.Key).AddParameter("payload", row.Payload).AddParameter("error", row.Error).AddParameter("attempts", row.Attempts)
                .AddParameter("failedAt", row.FailedAt.UtcTicks).AddParameter("status", Open).AddParameter("indexedAt", indexedAt.UtcTicks);
            added = await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (added > 0) Interlocked.Increment(ref _open);
        return added > 0;
    }

    /// <summary>Dead letters, newest first; <paramref name="status"/> null for every status.</summary>
    public async Task<IReadOnlyList<DeadLetterRow>> ListAsync(string? status, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx,
            $"SELECT {Columns} FROM {Table}" + (status is null ? "" : " WHERE status = @status") +
            " ORDER BY failed_at DESC, dlq_partition DESC, dlq_offset DESC LIMIT @limit");
        if (status is not null) command.AddParameter("status", status);
        command.AddParameter("limit", limit);
        var rows = new List<DeadLetterRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        return rows;
    }

    /// <summary>One dead letter, or null.</summary>
    public async Task<DeadLetterRow?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        return await GetAsync(connection, tx, id, ct);
    }

    /// <summary>
    /// Marks a dead letter replayed by <paramref name="by"/> before it is produced again: refused when
    /// it is not open, unless <paramref name="force"/>. Returns the row as it was, to give it back
    /// with <see cref="RestoreAsync"/> if the produce fails.
    /// </summary>
    public Task<(DeadLetterChange Change, DeadLetterRow? Before)> MarkReplayedAsync(string id, string by, DateTimeOffset at, bool force, CancellationToken ct) =>
        ChangeAsync(id, Replayed, by, at, force, replays: 1, ct);

    /// <summary>Marks a dead letter discarded by <paramref name="by"/>: refused when it is not open, unless <paramref name="force"/>.</summary>
    public Task<(DeadLetterChange Change, DeadLetterRow? Before)> MarkDiscardedAsync(string id, string by, DateTimeOffset at, bool force, CancellationToken ct) =>
        ChangeAsync(id, Discarded, by, at, force, replays: 0, ct);

    /// <summary>Puts back a row's status as it was before a replay whose produce failed.</summary>
    public async Task RestoreAsync(DeadLetterRow before, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        await using (var command = connection.CreateCommand(tx,
            $"UPDATE {Table} SET status = @status, actioned_by = @by, actioned_at = @at, replays = @replays WHERE id = @id"))
        {
            command.AddParameter("status", before.Status).AddParameter("by", before.ActionedBy).AddParameter("at", before.ActionedAt?.UtcTicks)
                .AddParameter("replays", before.Replays).AddParameter("id", before.Id);
            await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        await RefreshOpenCountAsync(ct);
    }

    /// <summary>Counts the open dead letters again (other nodes change them too).</summary>
    public async Task RefreshOpenCountAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginReadAsync(connection, ct);
        await using var command = connection.CreateCommand(tx, $"SELECT COUNT(*) FROM {Table} WHERE status = @status");
        command.AddParameter("status", Open);
        Interlocked.Exchange(ref _open, Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture));
    }

    private async Task<(DeadLetterChange, DeadLetterRow?)> ChangeAsync(string id, string status, string by, DateTimeOffset at, bool force, int replays, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await database.BeginWriteAsync(connection, ct);
        var before = await GetAsync(connection, tx, id, ct);
        if (before is null) return (DeadLetterChange.NotFound, null);
        if (before.Status != Open && !force) return (DeadLetterChange.Refused, before);

        await using (var command = connection.CreateCommand(tx,
            $"UPDATE {Table} SET status = @status, actioned_by = @by, actioned_at = @at, replays = replays + @replays WHERE id = @id"))
        {
            command.AddParameter("status", status).AddParameter("by", by).AddParameter("at", at.UtcTicks).AddParameter("replays", replays).AddParameter("id", id);
            await command.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        if (before.Status == Open) Interlocked.Decrement(ref _open);
        return (DeadLetterChange.Done, before);
    }

    // Inside the caller's transaction: on SQLite a write transaction holds the lock from its start,
    // on PostgreSQL the row is locked (FOR UPDATE) so that two replays at once cannot both see it open.
    private async Task<DeadLetterRow?> GetAsync(DbConnection connection, DbTransaction tx, string id, CancellationToken ct)
    {
        var lockRow = database.Provider == DatabaseProvider.PostgreSql ? " FOR UPDATE" : "";
        await using var command = connection.CreateCommand(tx, $"SELECT {Columns} FROM {Table} WHERE id = @id{lockRow}");
        command.AddParameter("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static DeadLetterRow Read(DbDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), r.GetInt32(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetString(6),
        (byte[])r.GetValue(7), r.GetString(8), r.GetInt32(9), new DateTimeOffset(r.GetInt64(10), TimeSpan.Zero), r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : new DateTimeOffset(r.GetInt64(13), TimeSpan.Zero), r.GetInt32(14));
}
