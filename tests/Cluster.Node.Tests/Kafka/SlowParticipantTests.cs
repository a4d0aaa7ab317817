using ActorOrders.Node.Tests.Support;
using ActorOrders.Node.Wiring;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>
/// Participants that take 200 ms per request behind a burst on orders.commands: the node starts at most
/// Kafka:Ingest:MaxInFlightOrders sagas at a time, the rest waits in Kafka as lag (not in the node's memory),
/// and the backlog drains to the end of the topic.
/// </summary>
public sealed class SlowParticipantTests : IDisposable
{
    private const int Orders = 300, MaxInFlight = 40;
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public async Task A_burst_behind_slow_participants_waits_in_kafka_with_a_bounded_number_of_sagas_in_flight_and_drains()
    {
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?>
        {
            ["ActorOrders:Kafka:Enabled"] = "true",
            ["ActorOrders:Participants:Mode"] = "Kafka",
            ["ActorOrders:Kafka:BootstrapFile"] = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt"),
            ["ActorOrders:Participants:MinLatency"] = "00:00:00.200",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:00.200",
            ["ActorOrders:Kafka:Ingest:MaxInFlightOrders"] = MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
        });
        var kafka = node.Services.GetRequiredService<KafkaCluster>();
        var ingest = node.Services.GetRequiredService<RunningIngest>();
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers, EnableIdempotence = true }).Build())
        {
            var deliveries = Enumerable.Range(0, Orders)
                .Select(n => producer.ProduceAsync("orders.commands", CommandRecords.Place(OrderApi.Body(OrderApi.NewId($"slow{n}")))))
                .ToList();
            await Task.WhenAll(deliveries);
        }

        // Sampled while the burst drains: sagas in flight never above the bound, while a backlog waits in Kafka.
        var maxInFlight = 0;
        var waitedInKafka = false;
        await Eventually.Until(() =>
        {
            var running = ingest.Ingest!;
            var accepted = running.Counts.Accepted;
            maxInFlight = Math.Max(maxInFlight, running.InFlight);
            // Sagas started and most of the burst still unread: without the bound the ingest would take every
            // record within a second (a placement is acknowledged once stored, long before the saga ends).
            waitedInKafka |= accepted >= MaxInFlight && Orders - accepted >= Orders / 3;
            return Task.FromResult(accepted == Orders && running.InFlight == 0);
        }, TimeSpan.FromSeconds(180), "every record accepted and every saga finished");

        maxInFlight.ShouldBeGreaterThan(0);
        maxInFlight.ShouldBeLessThanOrEqualTo(MaxInFlight);
        waitedInKafka.ShouldBeTrue("the burst waited in Kafka while the node went at the participants' pace");
        await Eventually.Until(async () => (await ReadModelRows.AllAsync(_sqlite.Store)).Values.Count(r => r.OrderId.StartsWith("slow", StringComparison.Ordinal) && r.Status == "Completed") == Orders,
            TimeSpan.FromSeconds(60), "every order of the burst completed in the read model");
    }

    public void Dispose() => _sqlite.Dispose();
}
