using System.Collections.Concurrent;
using System.Data.Common;
using Akka.Persistence.Query;

namespace ActorOrders.Projections.Tests.Support;

/// <summary>
/// The read-model pattern the engine is built for, in small: one row per toy entity with the last
/// sequence number applied, the number of events and the sum of their values. An event is applied
/// only when it is the next one; an older one is skipped (at-least-once), a newer one first reads
/// the gap through the catch-up reader. Also records every delivery, and can be told to fail.
/// </summary>
public sealed class ToyStateHandler : ISqlProjectionHandler
{
    public const string Table = "toy_state";

    /// <summary>One row per successful handler call: not idempotent on purpose, so a batch whose transaction was not rolled back shows.</summary>
    public const string BatchTable = "toy_batches";

    private int _failuresLeft;
    private int _succeeded;
    private int _failed;

    /// <summary>Every envelope handed over, in order of delivery (repeats included).</summary>
    public ConcurrentQueue<EventEnvelope> Delivered { get; } = new();

    /// <summary>Events read through the catch-up reader.</summary>
    public ConcurrentQueue<EventEnvelope> CaughtUp { get; } = new();

    /// <summary>When set, each batch waits here (with the engine's token) before applying.</summary>
    public SemaphoreSlim? Gate { get; set; }

    /// <summary>The next <paramref name="times"/> batches throw after applying (so the transaction rolls back).</summary>
    public void FailNext(int times) => Volatile.Write(ref _failuresLeft, times);

    public static Task CreateTableAsync(ProjectionDatabase database) =>
        database.ExecuteDdlAsync($"""
            CREATE TABLE IF NOT EXISTS {Table} (
              persistence_id {database.Dialect.Text} PRIMARY KEY,
              last_seq {database.Dialect.BigInt} NOT NULL,
              events {database.Dialect.BigInt} NOT NULL,
              total {database.Dialect.BigInt} NOT NULL
            );
            CREATE TABLE IF NOT EXISTS {BatchTable} (slice INTEGER NOT NULL, events INTEGER NOT NULL)
            """);

    /// <summary>Rows in <see cref="BatchTable"/>.</summary>
    public static async Task<long> BatchRowsAsync(ProjectionDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(null, $"SELECT COUNT(*) FROM {BatchTable}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Handler calls that got through (did not throw).</summary>
    public int Succeeded => Volatile.Read(ref _succeeded);

    /// <summary>Handler calls that threw the injected failure.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public async Task HandleAsync(ProjectionBatch batch, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        if (Gate is { } gate) await gate.WaitAsync(ct);
        foreach (var envelope in batch.Envelopes)
        {
            Delivered.Enqueue(envelope);
            var applied = await LastSeqAsync(connection, tx, envelope.PersistenceId, ct);
            if (envelope.SequenceNr <= applied) continue;
            if (envelope.SequenceNr > applied + 1)
            {
                foreach (var missing in await batch.CatchUp.ReadAsync(envelope.PersistenceId, applied + 1, envelope.SequenceNr - 1, ct))
                {
                    CaughtUp.Enqueue(missing);
                    await ApplyAsync(connection, tx, missing, ct);
                }
            }
            await ApplyAsync(connection, tx, envelope, ct);
        }

        await using (var row = connection.CreateCommand(tx, $"INSERT INTO {BatchTable} (slice, events) VALUES (@slice, @events)"))
            await row.AddParameter("slice", batch.Slice).AddParameter("events", batch.Envelopes.Count).ExecuteNonQueryAsync(ct);

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Interlocked.Increment(ref _failed);
            throw new InvalidOperationException("injected handler failure");
        }
        Interlocked.Increment(ref _succeeded);
    }

    /// <summary>(events, total, last sequence number) per persistence id.</summary>
    public static async Task<Dictionary<string, (long Events, long Total, long LastSeq)>> ReadAsync(ProjectionDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand(null, $"SELECT persistence_id, events, total, last_seq FROM {Table}");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (long, long, long)>();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        return rows;
    }

    private static async Task<long> LastSeqAsync(DbConnection connection, DbTransaction tx, string persistenceId, CancellationToken ct)
    {
        await using var command = connection.CreateCommand(tx, $"SELECT last_seq FROM {Table} WHERE persistence_id = @id").AddParameter("id", persistenceId);
        return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private static async Task ApplyAsync(DbConnection connection, DbTransaction tx, EventEnvelope envelope, CancellationToken ct)
    {
        var n = ((ToyEvent)envelope.Event).N;
        await using var command = connection.CreateCommand(tx, $"""
            INSERT INTO {Table} (persistence_id, last_seq, events, total) VALUES (@id, @seq, 1, @n)
            ON CONFLICT (persistence_id) DO UPDATE
              SET last_seq = excluded.last_seq, events = {Table}.events + 1, total = {Table}.total + excluded.total
              WHERE {Table}.last_seq = excluded.last_seq - 1
            """).AddParameter("id", envelope.PersistenceId).AddParameter("seq", envelope.SequenceNr).AddParameter("n", n);
        await command.ExecuteNonQueryAsync(ct);
    }
}
