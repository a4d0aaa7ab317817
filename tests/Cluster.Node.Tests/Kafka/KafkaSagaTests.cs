using System.Collections.Concurrent;
using System.Text.Json;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Node.Wiring;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>
/// The whole saga over the Kafka protocol (librdkafka's mock cluster, embedded in the node):
/// commands from orders.commands, participants over their topics, every event to orders.events.
/// </summary>
public sealed class KafkaSagaTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    private Dictionary<string, string?> KafkaOn => new()
    {
        ["ActorOrders:Kafka:Enabled"] = "true",
        ["ActorOrders:Participants:Mode"] = "Kafka",
        ["ActorOrders:Kafka:BootstrapFile"] = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt"),
        // Every reply crosses two topics; a burst of 2,000 on 2 busy cores must not look like a dead participant.
        ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
        ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:05",
    };

    [Fact]
    public async Task Two_thousand_commands_from_orders_commands_end_consistent_with_the_ledgers_and_orders_events_holds_each_orders_journal_events_in_order_while_poison_goes_to_the_dlq()
    {
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: KafkaOn);
        var kafka = node.Services.GetRequiredService<KafkaCluster>();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build();

        var expected = new Dictionary<string, string>();
        var deliveries = new List<Task>();
        for (var n = 0; n < 2050; n++)
        {
            if (n % 41 == 40)
            {
                deliveries.Add(producer.ProduceAsync("orders.commands", CommandRecords.Poison(n)));
                continue;
            }

            var id = OrderApi.NewId($"k{n}");
            var (body, status) = OrderMixes.Mixed(id, n);
            expected[id] = status;
            deliveries.Add(producer.ProduceAsync("orders.commands", CommandRecords.Place(body)));
        }

        await Task.WhenAll(deliveries);
        var poison = 2050 - expected.Count;

        var rows = await Eventually.Value(
            () => ReadModelRows.AllAsync(_sqlite.Store),
            r => expected.Keys.All(id => r.TryGetValue(id, out var row) && OrderMixes.Settled.Contains(row.Status)),
            TimeSpan.FromSeconds(180),
            "every order placed through orders.commands has settled");
        var problems = new List<string>();
        foreach (var (id, status) in expected)
        {
            if (rows[id].Status != status) problems.Add($"{id}: ended {rows[id].Status}, the test value forces {status}");
        }

        var ledger = await LedgerByOrderAsync(node.Http);
        foreach (var (id, status) in expected)
        {
            problems.AddRange(LedgerCheck.Problems(id, rows[id].Status, ledger.TryGetValue(id, out var row) ? row : null));
        }

        problems.ShouldBeEmpty();

        // orders.events: for each order exactly its journal events, in sequence order (duplicates allowed, gaps never).
        var events = OrderEventsTopic.ReadAll(kafka.BootstrapServers, "orders.events",
            e => e.Select(x => x.Id).Distinct().Count() >= rows.Values.Where(r => expected.ContainsKey(r.OrderId)).Sum(r => r.LastSequenceNr),
            TimeSpan.FromSeconds(120));
        var byOrder = events.GroupBy(e => e.Subject).ToDictionary(g => g.Key, g => g.DistinctBy(e => e.Id).ToList());
        var sample = expected.Keys.Take(200).ToList();
        await Concurrently.ForEachAsync(sample, 8, async id =>
        {
            var journal = (await node.Http.EventsAsync(id)).Select(e => e.GetProperty("type").GetString()).ToList();
            var published = byOrder.GetValueOrDefault(id) ?? [];
            lock (problems)
            {
                if (!published.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, journal.Count).Select(i => (long)i)))
                    problems.Add($"{id}: orders.events has sequence {string.Join(",", published.Select(e => e.Sequence))}, the journal {journal.Count} events");
                else if (!published.Select(e => e.Type).SequenceEqual(journal.Select(t => $"actororders.order.{t}.v1")))
                    problems.Add($"{id}: orders.events types differ from the journal");
            }
        });
        foreach (var (id, row) in rows.Where(r => expected.ContainsKey(r.Key)))
        {
            if ((byOrder.GetValueOrDefault(id)?.Count ?? 0) != row.LastSequenceNr) problems.Add($"{id}: {byOrder.GetValueOrDefault(id)?.Count ?? 0} events published, {row.LastSequenceNr} stored");
        }

        problems.ShouldBeEmpty();

        // Poison: every one in orders.dlq with its error; the ingest's offsets at the end of orders.commands.
        var dead = ReadDlq(kafka.BootstrapServers, poison);
        dead.Select(d => d.GetProperty("key").GetString()).Distinct().Count().ShouldBe(poison);
        dead.ShouldAllBe(d => d.GetProperty("error").GetString()!.Length > 0 && d.GetProperty("originalTopic").GetString() == "orders.commands");
        await Eventually.Until(() => Task.FromResult(CommittedAtEnd(kafka.BootstrapServers, "actororders-ingest", "orders.commands")), TimeSpan.FromSeconds(30),
            "the ingest committed every offset of orders.commands");
    }

    [Fact]
    public async Task A_cancel_on_orders_commands_right_behind_its_placement_cancels_the_order_in_flight()
    {
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?>(KafkaOn)
        {
            ["ActorOrders:Participants:MinLatency"] = "00:00:01",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:01.200",
            ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
        });
        var kafka = node.Services.GetRequiredService<KafkaCluster>();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var id = OrderApi.NewId("kc");

        await producer.ProduceAsync("orders.commands", CommandRecords.Place(OrderApi.Body(id)));
        await producer.ProduceAsync("orders.commands", CommandRecords.Cancel(id, "upstream changed its mind"));

        // The ingest places it a moment after the record is written.
        await Eventually.Until(async () => (await node.Http.GetAsync($"/orders/{id}")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "the order exists");
        var order = await node.Http.WaitForTerminalAsync(id, TimeSpan.FromSeconds(60));
        order.Status().ShouldBe("Cancelled");
        order.GetProperty("reason").GetString().ShouldBe("upstream changed its mind");
    }

    private static async Task<Dictionary<string, JsonElement>> LedgerByOrderAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/participants/ledger");
        return (await response.JsonAsync()).GetProperty("orders").EnumerateArray()
            .ToDictionary(r => r.GetProperty("orderId").GetString()!, r => r.Clone());
    }

    private static List<JsonElement> ReadDlq(string bootstrap, int count)
    {
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "dlq-" + Guid.NewGuid().ToString("N"), AutoOffsetReset = AutoOffsetReset.Earliest }).Build();
        reader.Subscribe("orders.dlq");
        var records = new List<JsonElement>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (records.Count < count && DateTime.UtcNow < until)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is { } r) records.Add(JsonDocument.Parse(r.Message.Value).RootElement.Clone());
        }

        return records;
    }

    private static bool CommittedAtEnd(string bootstrap, string group, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        return reader.Committed(partitions, TimeSpan.FromSeconds(5))
            .All(c => c.Offset.Value == reader.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value);
    }

    public void Dispose() => _sqlite.Dispose();
}
