using Akka.Actor;
using Akka.Persistence;
using ActorOrders.Domain.Events;
using ActorOrders.Node.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests;

/// <summary>
/// Concurrent writes to the SQLite journal share transactions (group commit). Without the
/// yield in the node's connection interceptor the plugin commits one event per transaction,
/// one after another (docs/performance.md). Counted in WAL frames: every transaction appends
/// at least one frame per page it changes, so N single-event transactions write several
/// frames each, while a few shared transactions write a few frames per batch.
/// </summary>
public sealed class GroupCommitTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    private const int Writers = 300;

    [Fact]
    public async Task Events_persisted_at_the_same_time_by_many_entities_are_committed_together()
    {
        var system = fixture.Node.Services.GetRequiredService<ActorSystem>();
        var writers = Enumerable.Range(0, Writers)
            .Select(i => system.ActorOf(Props.Create(() => new Writer($"group-commit-{i}"))))
            .ToList();
        await Task.WhenAll(writers.Select(w => w.Ask<Recovered>(Recovered.Ask, TimeSpan.FromSeconds(60))));
        Wal("TRUNCATE").ShouldBe(0);

        await Task.WhenAll(writers.Select(w => w.Ask<Written>(Write.Instance, TimeSpan.FromSeconds(60))));

        var frames = Wal("PASSIVE");
        frames.ShouldBeGreaterThan(0);
        frames.ShouldBeLessThan(Writers, $"{Writers} single-event writes took {frames} WAL frames: they were not batched");
    }

    // Checkpoints and returns the frames in the WAL: TRUNCATE empties it first (waiting for the
    // busy timeout if a write is under way), so PASSIVE afterwards counts what was written since.
    private long Wal(string mode)
    {
        using var connection = new SqliteConnection($"Data Source={fixture.JournalFile}");
        connection.Open();
        using var timeout = connection.CreateCommand();
        timeout.CommandText = "PRAGMA busy_timeout=30000;";
        timeout.ExecuteNonQuery();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }

    private sealed record Write
    {
        public static readonly Write Instance = new();
    }

    private sealed record Written;

    private sealed record Recovered
    {
        public static readonly Recovered Ask = new();
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string id)
        {
            PersistenceId = id;
            Recover<OrderCompleted>(_ => { });
            Command<Recovered>(r => Sender.Tell(r));
            Command<Write>(_ =>
            {
                var sender = Sender;
                Persist(new OrderCompleted(id, DateTimeOffset.UnixEpoch), _ => sender.Tell(new Written()));
            });
        }

        public override string PersistenceId { get; }
    }
}
