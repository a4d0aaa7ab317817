using System.Text;
using System.Text.Json;
using ActorOrders.Cli.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>
/// The Kafka palette against a node process on its embedded broker (librdkafka's mock cluster):
/// poison produced to orders.commands is listed by <c>dlq list</c>, shown, discarded and replayed
/// with who did it; <c>kafka lag</c> shows the node's consumers; the quarantine is empty.
/// </summary>
public sealed class KafkaPaletteTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Poison_on_orders_commands_is_listed_shown_discarded_and_replayed_by_the_console_with_who_and_kafka_lag_shows_the_consumers()
    {
        var folder = Directory.CreateTempSubdirectory("actororders-console-kafka-");
        var bootstrapFile = Path.Combine(folder.FullName, "kafka-bootstrap.txt");
        var node = NodeProcess.Start("kafka-node", folder.FullName, $"Data Source={Path.Combine(folder.FullName, "journal.db")}",
            ChildProcess.FreePort(), [], ChildProcess.FreePort(), new Dictionary<string, string?>
            {
                ["ActorOrders:Kafka:Enabled"] = "true",
                ["ActorOrders:Kafka:EmbeddedPartitions"] = "2",
                ["ActorOrders:Kafka:BootstrapFile"] = bootstrapFile,
            });
        try
        {
            await node.WaitReadyAsync(Deadline);
            var bootstrap = (await File.ReadAllTextAsync(bootstrapFile)).Trim();
            using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
            {
                await producer.ProduceAsync("orders.commands", new Message<string, byte[]> { Key = "cpoison-a", Value = Encoding.UTF8.GetBytes("{ not a cloud event") });
                await producer.ProduceAsync("orders.commands", new Message<string, byte[]> { Key = "cpoison-b", Value = Encoding.UTF8.GetBytes("[1, 2]") });
            }

            var ids = await Eventually.Value(async () =>
            {
                var run = await ConsoleRun.RunAsync(node.Admin, "dlq", "list", "--json");
                return run.ExitCode == 0
                    ? JsonDocument.Parse(run.Out).RootElement.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("key").GetString()!, i => i.GetProperty("id").GetString()!)
                    : [];
            }, d => d.Count >= 2, Deadline, "both dead letters are listed");

            var list = await ConsoleRun.RunAsync(node.Admin, "dlq", "list");
            list.ExitCode.ShouldBe(0, list.ToString());
            list.Lines.ShouldContain(l => l.StartsWith($"{ids["cpoison-a"]} | open | orders.commands/", StringComparison.Ordinal)
                && l.Contains("| key cpoison-a |", StringComparison.Ordinal) && l.Contains("| invalid:", StringComparison.Ordinal), list.ToString());
            list.Lines[^1].ShouldBe("2 dead letters (2 open in all)");

            var show = await ConsoleRun.RunAsync(node.Admin, "dlq", "show", ids["cpoison-a"]);
            show.ExitCode.ShouldBe(0, show.ToString());
            show.Lines.ShouldContain("payload  (utf-8)");
            show.Lines.ShouldContain("{ not a cloud event");

            var discard = await ConsoleRun.RunAsync(node.Admin, "dlq", "discard", ids["cpoison-a"]);
            discard.ExitCode.ShouldBe(0, discard.ToString());
            discard.Out.Trim().ShouldBe($"{ids["cpoison-a"]}: discarded (recorded as {ConsoleRun.User})");
            var twice = await ConsoleRun.RunAsync(node.Admin, "dlq", "discard", ids["cpoison-a"]);
            twice.ExitCode.ShouldBe(1, twice.ToString());
            twice.Err.ShouldContain("is discarded already");

            var replay = await ConsoleRun.RunAsync(node.Admin, "dlq", "replay", ids["cpoison-b"]);
            replay.ExitCode.ShouldBe(0, replay.ToString());
            replay.Out.ShouldStartWith($"{ids["cpoison-b"]}: replayed to orders.commands/");
            replay.Out.ShouldContain($"(recorded as {ConsoleRun.User})");
            (await ConsoleRun.RunAsync(node.Admin, "dlq", "replay", ids["cpoison-b"])).ExitCode.ShouldBe(1);
            // Still poison: the replay dead-letters again, as a new entry.
            await Eventually.Until(async () => (await ConsoleRun.RunAsync(node.Admin, "dlq", "list", "--status", "open")).Lines.Count(l => l.Contains("| key cpoison-b |", StringComparison.Ordinal)) == 1,
                Deadline, "the replayed poison is a new open dead letter");
            var replayed = await ConsoleRun.RunAsync(node.Admin, "dlq", "list", "--status", "replayed", "--json");
            var entry = JsonDocument.Parse(replayed.Out).RootElement.GetProperty("items").EnumerateArray().Single();
            entry.GetProperty("actionedBy").GetString().ShouldBe(ConsoleRun.User);

            var lag = await ConsoleRun.RunAsync(node.Admin, "kafka", "lag");
            lag.ExitCode.ShouldBe(0, lag.ToString());
            lag.Lines.ShouldContain(l => l.StartsWith("orders-commands-ingest | group actororders-ingest | 2 partitions | lag ", StringComparison.Ordinal), lag.ToString());
            lag.Lines.ShouldContain(l => l.StartsWith("dead-letter-index | group actororders-dlq-index | 2 partitions", StringComparison.Ordinal), lag.ToString());
            var lagJson = JsonDocument.Parse((await ConsoleRun.RunAsync(node.Admin, "kafka", "lag", "--json")).Out).RootElement;
            lagJson.GetProperty("consumers").EnumerateArray().Select(c => c.GetProperty("consumer").GetString()).ShouldContain("orders-commands-ingest");

            var quarantine = await ConsoleRun.RunAsync(node.Admin, "quarantine", "list");
            quarantine.ExitCode.ShouldBe(0, quarantine.ToString());
            quarantine.Lines[^1].ShouldBe("0 parked records, 0 orders");
            (await ConsoleRun.RunAsync(node.Admin, "quarantine", "redrive", "nobody")).ExitCode.ShouldBe(1);
            (await ConsoleRun.RunAsync(node.Admin, "dlq", "list", "--status", "closed")).ExitCode.ShouldBe(2);
        }
        catch
        {
            node.WriteOutputTo(output);
            throw;
        }
        finally
        {
            await node.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { folder.Delete(recursive: true); }
            catch (IOException) { /* the OS temp cleaner gets it */ }
        }
    }
}
