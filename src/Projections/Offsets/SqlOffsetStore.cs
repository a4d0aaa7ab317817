using System.Data.Common;

namespace ActorOrders.Projections;

/// <summary>
/// <see cref="IOffsetStore"/> on the projection database: table <c>projection_offsets</c>
/// (<c>projection_name, slice, offset_value, backfilled, updated_at</c>), primary key
/// <c>(projection_name, slice)</c>.
/// </summary>
public sealed class SqlOffsetStore : IOffsetStore
{
    /// <summary>The table's name.</summary>
    public const string TableName = "projection_offsets";

    private readonly ProjectionDatabase _database;

    /// <summary>An offset store on <paramref name="database"/>.</summary>
    public SqlOffsetStore(ProjectionDatabase database) => _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken ct = default)
    {
        var d = _database.Dialect;
        return _database.ExecuteDdlAsync($"""
            CREATE TABLE IF NOT EXISTS {TableName} (
              projection_name {d.Text} NOT NULL,
              slice INTEGER NOT NULL,
              offset_value {d.BigInt} NOT NULL,
              backfilled {d.Boolean} NOT NULL,
              updated_at {d.Timestamp} NOT NULL,
              PRIMARY KEY (projection_name, slice)
            )
            """, ct);
    }

    /// <inheritdoc />
    public async Task<long> LoadAsync(string projection, int slice, CancellationToken ct = default) =>
        (await ReadAsync(projection, slice, ct)).Offset;

    /// <inheritdoc />
    public async Task<bool> IsBackfilledAsync(string projection, int slice, CancellationToken ct = default) =>
        (await ReadAsync(projection, slice, ct)).Backfilled;

    /// <inheritdoc />
    public async Task SaveAsync(string projection, int slice, long offset, DbTransaction? tx = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        const string sql = $"""
            INSERT INTO {TableName} (projection_name, slice, offset_value, backfilled, updated_at)
            VALUES (@name, @slice, @offset, @backfilled, @now)
            ON CONFLICT (projection_name, slice) DO UPDATE
              SET offset_value = excluded.offset_value, updated_at = excluded.updated_at
              WHERE {TableName}.offset_value < excluded.offset_value
            """;
        await ExecuteAsync(sql, projection, slice, offset, backfilled: false, tx, ct);
    }

    /// <inheritdoc />
    public Task MarkBackfilledAsync(string projection, int slice, CancellationToken ct = default)
    {
        const string sql = $"""
            INSERT INTO {TableName} (projection_name, slice, offset_value, backfilled, updated_at)
            VALUES (@name, @slice, @offset, @backfilled, @now)
            ON CONFLICT (projection_name, slice) DO UPDATE
              SET backfilled = excluded.backfilled, updated_at = excluded.updated_at
            """;
        return ExecuteAsync(sql, projection, slice, offset: 0, backfilled: true, tx: null, ct);
    }

    /// <summary>Every stored row of <paramref name="projection"/>: slice → (offset, backfilled).</summary>
    public async Task<IReadOnlyDictionary<int, (long Offset, bool Backfilled)>> LoadAllAsync(string projection, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.CreateCommand(null, $"SELECT slice, offset_value, backfilled FROM {TableName} WHERE projection_name = @name");
        command.AddParameter("name", projection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new Dictionary<int, (long, bool)>();
        while (await reader.ReadAsync(ct))
            rows[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetBoolean(2));
        return rows;
    }

    private async Task<(long Offset, bool Backfilled)> ReadAsync(string projection, int slice, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        await using var connection = await _database.OpenAsync(ct);
        await using var command = connection.CreateCommand(null, $"SELECT offset_value, backfilled FROM {TableName} WHERE projection_name = @name AND slice = @slice");
        command.AddParameter("name", projection).AddParameter("slice", slice);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetBoolean(1)) : (0, false);
    }

    private async Task ExecuteAsync(string sql, string projection, int slice, long offset, bool backfilled, DbTransaction? tx, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projection);
        ArgumentOutOfRangeException.ThrowIfNegative(slice);
        if (tx is not null)
        {
            await using var command = Command(tx.Connection ?? throw new ArgumentException("The transaction has no connection.", nameof(tx)), tx);
            await command.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var connection = await _database.OpenAsync(ct);
        await using var own = await _database.BeginWriteAsync(connection, ct);
        await using (var command = Command(connection, own))
            await command.ExecuteNonQueryAsync(ct);
        await own.CommitAsync(ct);

        DbCommand Command(DbConnection c, DbTransaction t) => c.CreateCommand(t, sql)
            .AddParameter("name", projection)
            .AddParameter("slice", slice)
            .AddParameter("offset", offset)
            .AddParameter("backfilled", backfilled)
            .AddParameter("now", DateTime.UtcNow);
    }
}
