using System.Collections.Concurrent;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Node.Wiring;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>Every order event reaches orders.events as a CloudEvent, in sequence order per order, with no gap.</summary>
public sealed class PublicationTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public async Task Orders_events_holds_for_each_order_exactly_its_journal_events_in_sequence_order()
    {
        await using var node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?>
        {
            ["ActorOrders:Kafka:Enabled"] = "true",
            ["ActorOrders:Kafka:BootstrapFile"] = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt"),
        });
        var kafka = node.Services.GetRequiredService<KafkaCluster>();
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt")).Trim().ShouldBe(kafka.BootstrapServers);

        var journal = new ConcurrentDictionary<string, string[]>();
        await Concurrently.ForEachAsync(Enumerable.Range(0, 60), 16, async n =>
        {
            var id = OrderApi.NewId($"pub{n}");
            await node.Http.PlaceNewAsync(OrderMixes.Mixed(id, n % 3 == 0 ? 0 : n % 3 == 1 ? 1 : 5).Body);
            await node.Http.WaitForTerminalAsync(id);
            journal[id] = [.. (await node.Http.EventsAsync(id)).Select(e => e.GetProperty("type").GetString()!)];
        });
        var expected = journal.Values.Sum(e => e.Length);

        var published = OrderEventsTopic.ReadAll(kafka.BootstrapServers, "orders.events",
            events => events.Select(e => e.Id).Distinct().Count(id => journal.ContainsKey(id.Split(':')[0]["order-".Length..])) >= expected,
            TimeSpan.FromSeconds(60));

        foreach (var (id, types) in journal)
        {
            var mine = published.Where(e => e.Subject == id).DistinctBy(e => e.Id).ToList();
            mine.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, types.Length).Select(i => (long)i), $"{id}: every event once, in order");
            mine.Select(e => e.Type).ShouldBe(types.Select(t => $"actororders.order.{t}.v1"), $"{id}: the journal's events");
            mine.Select(e => e.Id).ShouldBe(mine.Select(e => $"order-{id}:{e.Sequence}"));
            mine.ShouldAllBe(e => e.Key == id && e.Data.GetProperty("orderId").GetString() == id);
            mine.Select(e => e.Partition).Distinct().Count().ShouldBe(1, $"{id}: one partition, so consumers see its events in order");
        }
    }

    public void Dispose() => _sqlite.Dispose();
}
