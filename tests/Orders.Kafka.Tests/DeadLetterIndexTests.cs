using System.Text;
using ActorOrders.Orders.Kafka.Dlq;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Orders.Kafka.Monitoring;
using ActorOrders.Projections;
using ActorOrders.Streams.Kafka.Embedded;
using Confluent.Kafka;
using Npgsql;

namespace ActorOrders.Orders.Kafka.Tests;

/// <summary>
/// The dead-letter index (table kafka_dead_letters) on SQLite and PostgreSQL, fed with records
/// <see cref="DeadLetters"/> wrote through the Kafka protocol (librdkafka's mock cluster).
/// </summary>
public sealed class DeadLetterIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actororders-dlq-index-").FullName;
    private readonly MockCluster _kafka = new(brokers: 1);

    [Fact]
    public Task Dead_letters_are_indexed_once_listed_newest_first_and_change_status_once_unless_forced_on_sqlite() =>
        ScenarioAsync(new ProjectionDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "dlq.db")}"));

    [PostgresFact]
    public async Task Dead_letters_are_indexed_once_listed_newest_first_and_change_status_once_unless_forced_on_postgresql()
    {
        var server = PostgresFactAttribute.ConnectionString!;
        var name = $"actororders_dlq_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        try
        {
            await ScenarioAsync(new ProjectionDatabase(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private async Task ScenarioAsync(ProjectionDatabase database)
    {
        _kafka.CreateTopic("orders.dlq", 1);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        using var metrics = new KafkaMetrics();
        var deadLetters = new DeadLetters(producer, "orders.dlq", metrics);
        var t0 = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        await deadLetters.WriteAsync(Original("o-1", Encoding.UTF8.GetBytes("""{"type":"x"}"""), 7), "invalid: no data", 1, t0, CancellationToken.None);
        await deadLetters.WriteAsync(Original("o-2", [0xff, 0xfe, 0x00], 8), "invalid: not UTF-8", 1, t0.AddSeconds(1), CancellationToken.None);
        await deadLetters.WriteAsync(Original(null, "plain"u8.ToArray(), 9), "refused: Conflict: taken", 3, t0.AddSeconds(2), CancellationToken.None);

        var index = new DeadLetterIndex(database);
        await index.StartAsync();
        await index.StartAsync(); // idempotent DDL
        var rows = ReadDlq(3).Select(DeadLetterIndexer.Parse).ToList();
        foreach (var row in rows) (await index.AddAsync(row, t0, CancellationToken.None)).ShouldBeTrue();
        (await index.AddAsync(rows[0], t0, CancellationToken.None)).ShouldBeFalse("a record indexed again keeps its row");
        index.OpenCount.ShouldBe(3);

        var listed = await index.ListAsync(null, 10, CancellationToken.None);
        listed.Select(r => r.Key).ShouldBe([null, "o-2", "o-1"], "newest first");
        listed.Select(r => r.Id).ShouldBe(["dlq-0-2", "dlq-0-1", "dlq-0-0"]);
        var first = listed[2];
        (first.OriginalTopic, first.Partition, first.Offset, first.Error, first.Attempts, first.FailedAt, first.Status)
            .ShouldBe(("orders.commands", 5, 7L, "invalid: no data", 1, t0, DeadLetterIndex.Open));
        Encoding.UTF8.GetString(first.Payload).ShouldBe("""{"type":"x"}""");
        listed[1].Payload.ShouldBe(new byte[] { 0xff, 0xfe, 0x00 }, "a payload that is not UTF-8 comes back as it was (base64 in the topic)");
        listed[0].Attempts.ShouldBe(3);
        (await index.ListAsync(DeadLetterIndex.Open, 2, CancellationToken.None)).Count.ShouldBe(2);

        // Replay once; again refused unless forced; the count follows.
        var (change, before) = await index.MarkReplayedAsync("dlq-0-0", "alice@laptop", t0.AddMinutes(1), force: false, CancellationToken.None);
        (change, before!.Status).ShouldBe((DeadLetterChange.Done, DeadLetterIndex.Open));
        index.OpenCount.ShouldBe(2);
        (await index.MarkReplayedAsync("dlq-0-0", "bob@laptop", t0.AddMinutes(2), force: false, CancellationToken.None)).Change.ShouldBe(DeadLetterChange.Refused);
        (await index.MarkDiscardedAsync("dlq-0-0", "bob@laptop", t0.AddMinutes(2), force: false, CancellationToken.None)).Change.ShouldBe(DeadLetterChange.Refused);
        (await index.MarkReplayedAsync("dlq-0-0", "bob@laptop", t0.AddMinutes(3), force: true, CancellationToken.None)).Change.ShouldBe(DeadLetterChange.Done);
        var replayed = (await index.GetAsync("dlq-0-0", CancellationToken.None))!;
        (replayed.Status, replayed.ActionedBy, replayed.ActionedAt, replayed.Replays).ShouldBe((DeadLetterIndex.Replayed, "bob@laptop", t0.AddMinutes(3), 2));

        // A replay whose produce failed gives the row back as it was.
        var (_, open) = await index.MarkReplayedAsync("dlq-0-1", "alice@laptop", t0.AddMinutes(4), force: false, CancellationToken.None);
        await index.RestoreAsync(open!, CancellationToken.None);
        var restored = (await index.GetAsync("dlq-0-1", CancellationToken.None))!;
        (restored.Status, restored.ActionedBy, restored.ActionedAt, restored.Replays).ShouldBe((DeadLetterIndex.Open, null, null, 0));
        index.OpenCount.ShouldBe(2);

        (await index.MarkDiscardedAsync("dlq-0-2", "alice@laptop", t0.AddMinutes(5), force: false, CancellationToken.None)).Change.ShouldBe(DeadLetterChange.Done);
        (await index.MarkDiscardedAsync("dlq-9-9", "alice@laptop", t0.AddMinutes(5), force: false, CancellationToken.None)).Change.ShouldBe(DeadLetterChange.NotFound);
        index.OpenCount.ShouldBe(1);
        (await index.ListAsync(DeadLetterIndex.Discarded, 10, CancellationToken.None)).Single().Id.ShouldBe("dlq-0-2");

        // Another node's view: counted from the table.
        var other = new DeadLetterIndex(database);
        await other.StartAsync();
        other.OpenCount.ShouldBe(1);
    }

    [Fact]
    public void A_record_of_orders_dlq_that_is_not_the_dead_letter_document_is_indexed_as_it_is_with_the_reason()
    {
        var row = DeadLetterIndexer.Parse(new ConsumeResult<string, byte[]>
        {
            Topic = "orders.dlq", Partition = new Partition(2), Offset = new Offset(41),
            Message = new Message<string, byte[]>
            {
                Key = "k", Value = "garbage"u8.ToArray(), Timestamp = new Timestamp(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
                Headers = [new Header("original-topic", "payments.events"u8.ToArray())],
            },
        });

        (row.Id, row.OriginalTopic, row.Key, row.Status).ShouldBe(("dlq-2-41", "payments.events", "k", DeadLetterIndex.Open));
        row.Error.ShouldStartWith("unreadable dead letter");
        row.Payload.ShouldBe("garbage"u8.ToArray());
    }

    private static ConsumeResult<string, byte[]> Original(string? key, byte[] value, long offset) => new()
    {
        Topic = "orders.commands", Partition = new Partition(5), Offset = new Offset(offset),
        Message = new Message<string, byte[]> { Key = key!, Value = value },
    };

    private List<ConsumeResult<string, byte[]>> ReadDlq(int count)
    {
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers, GroupId = "dlq-index-test-" + Guid.NewGuid().ToString("N"), AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        reader.Subscribe("orders.dlq");
        var records = new List<ConsumeResult<string, byte[]>>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < count && DateTime.UtcNow < until)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is { } r) records.Add(r);
        }

        records.Count.ShouldBe(count);
        return [.. records.OrderBy(r => r.Offset.Value)];
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _kafka.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the OS temp cleaner gets it */ }
    }
}
