using System.Diagnostics;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Streams.Kafka.Embedded;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>
/// A node that takes its orders from orders.commands and reaches the participants over their topics, SIGKILLed in
/// the middle of a burst and started again. The brokers (librdkafka's mock cluster, in this test process) and the
/// participants host (its own process, Participants:Transport=Kafka) live on: their records and ledgers are the
/// outside world the restarted node must agree with.
/// </summary>
public sealed class KafkaCrashTests(ITestOutputHelper output)
{
    private const int Orders = 400;

    [Fact]
    public async Task A_node_killed_mid_burst_and_restarted_loses_no_order_charges_nobody_twice_and_leaves_no_gap_in_orders_events()
    {
        using var kafka = new MockCluster(brokers: 1);
        foreach (var topic in new[] { "orders.commands", "orders.events", "orders.dlq", "payments.commands", "payments.events", "inventory.commands", "inventory.events", "shipping.commands", "shipping.events" })
            kafka.CreateTopic(topic, partitions: 8);
        await using var scenario = new ProcessScenario(output);
        await scenario.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            var participants = scenario.StartParticipants(new Dictionary<string, string?>
            {
                ["ActorOrders:Participants:Transport"] = "Kafka",
                ["ActorOrders:Kafka:BootstrapServers"] = kafka.BootstrapServers,
            });
            var nodeSettings = new Dictionary<string, string?>
            {
                ["ActorOrders:Kafka:Enabled"] = "true",
                ["ActorOrders:Kafka:BootstrapServers"] = kafka.BootstrapServers,
                ["ActorOrders:Participants:Mode"] = "Kafka",
                ["ActorOrders:Participants:HostSimulators"] = "false",
                // The participants host is no cluster member here: the node is a cluster of one.
                ["ActorOrders:Cluster:Formation"] = "Alone",
                ["ActorOrders:Cluster:SeedNodes:0"] = null,
                ["ActorOrders:Cluster:SeedNodes:1"] = null,
                // Every reply crosses two topics on 2 busy cores: a slow hop must not look like a dead participant.
                ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
                ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:05",
            };
            var node = scenario.StartNode(nodeSettings);
            await Task.WhenAll(participants.WaitReadyAsync(TimeSpan.FromSeconds(60)), node.WaitReadyAsync(TimeSpan.FromSeconds(60)));

            var expected = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
            {
                var deliveries = new List<Task>();
                for (var n = 0; n < Orders; n++)
                {
                    var id = OrderApi.NewId($"kk{n}");
                    var (body, status) = OrderMixes.Mixed(id, n);
                    expected[id] = status;
                    deliveries.Add(producer.ProduceAsync("orders.commands", CommandRecords.Place(body)));
                }

                await Task.WhenAll(deliveries);
            }

            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {Orders} PlaceOrder records in orders.commands");

            // The kill lands once part of the burst has settled and part has not.
            var store = StoreConfig.Sqlite(scenario.JournalFile);
            var atKill = await Eventually.Value(
                () => ReadModelRows.AllAsync(store),
                rows => rows.Values.Count(r => OrderMixes.Settled.Contains(r.Status)) >= Orders / 4,
                TimeSpan.FromSeconds(120),
                "a quarter of the burst settled");
            node.Kill();
            var settledAtKill = atKill.Values.Count(r => OrderMixes.Settled.Contains(r.Status));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: node SIGKILLed with {settledAtKill} of {Orders} orders settled");
            settledAtKill.ShouldBeLessThan(Orders, "the kill must land while orders are in flight for this test to mean anything");

            node = scenario.StartNode(nodeSettings);
            await node.WaitReadyAsync(TimeSpan.FromSeconds(60));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: node restarted and ready");

            var rows = await Eventually.Value(
                () => ReadModelRows.AllAsync(store),
                r => expected.Keys.All(id => r.TryGetValue(id, out var row) && OrderMixes.Settled.Contains(row.Status)),
                TimeSpan.FromSeconds(240),
                "every order of orders.commands has settled after the restart");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every order settled");

            var problems = new List<string>();
            var ledger = await participants.LedgerAsync();
            foreach (var (id, status) in expected)
            {
                if (rows[id].Status != status) problems.Add($"{id}: ended {rows[id].Status}, the test value forces {status}");
                problems.AddRange(LedgerCheck.Problems(id, rows[id].Status, ledger.TryGetValue(id, out var row) ? row : null));
            }

            problems.ShouldBeEmpty();

            // orders.events: every stored event of every order, sequence numbers without a gap (a redelivered duplicate is allowed).
            var stored = rows.Where(r => expected.ContainsKey(r.Key)).Sum(r => r.Value.LastSequenceNr);
            var events = OrderEventsTopic.ReadAll(kafka.BootstrapServers, "orders.events", e => e.Select(x => x.Id).Distinct().Count() >= stored, TimeSpan.FromSeconds(120));
            var byOrder = events.GroupBy(e => e.Subject).ToDictionary(g => g.Key, g => g.DistinctBy(e => e.Id).Select(e => e.Sequence).Order().ToList());
            foreach (var (id, row) in rows.Where(r => expected.ContainsKey(r.Key)))
            {
                var published = byOrder.GetValueOrDefault(id) ?? [];
                if (!published.SequenceEqual(Enumerable.Range(1, (int)row.LastSequenceNr).Select(i => (long)i)))
                    problems.Add($"{id}: orders.events holds sequence numbers {string.Join(",", published)}, the journal 1..{row.LastSequenceNr}");
            }

            problems.ShouldBeEmpty();
            output.WriteLine($"{events.Count} records on orders.events for {stored} stored events ({events.Count - events.Select(e => e.Id).Distinct().Count()} duplicates after the crash)");
        });
    }
}
