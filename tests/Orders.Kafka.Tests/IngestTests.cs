using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Streams;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ActorOrders.Contracts;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Projections;
using ActorOrders.Streams.Kafka.Embedded;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Orders.Kafka.Tests;

/// <summary>
/// The ingest against the Kafka protocol (librdkafka's mock cluster) and a real SQLite quarantine,
/// with a probe standing in for the orders so each scenario decides who answers.
/// </summary>
public sealed class IngestTests : TestKit, IDisposable
{
    private const string Commands = "orders.commands";
    private const string Dlq = "orders.dlq";
    private readonly MockCluster _kafka = new(brokers: 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("actororders-ingest-").FullName;
    private readonly IProducer<string, byte[]> _producer;
    private readonly TestProbe _orders;
    private readonly ConcurrentQueue<IWithOrderId> _received = new();
    private readonly ConcurrentDictionary<string, int> _silentFor = new();

    public IngestTests(ITestOutputHelper output) : base("akka.loglevel = WARNING", output)
    {
        _kafka.CreateTopic(Commands, 4);
        _kafka.CreateTopic(Dlq, 1);
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers, EnableIdempotence = true }).Build();
        _orders = CreateTestProbe();
        // The orders: accept everything, except the first N asks of an order told to stay silent.
        _orders.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is IWithOrderId command)
            {
                if (_silentFor.TryGetValue(command.OrderId, out var left) && left > 0)
                {
                    _silentFor[command.OrderId] = left - 1;
                    return AutoPilot.KeepRunning;
                }

                _received.Enqueue(command);
                sender.Tell(new OrderAccepted(command.OrderId, OrderStatus.AwaitingPayment, Created: message is PlaceOrder));
            }

            return AutoPilot.KeepRunning;
        }));
    }

    [Fact]
    public async Task Poison_goes_to_the_dlq_a_stuck_order_is_parked_with_what_follows_it_and_everything_else_flows_and_is_committed()
    {
        var database = new ProjectionDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "q.db")}");
        var quarantine = new IngestQuarantine(database);
        await quarantine.StartAsync();
        var ingest = new OrderCommandIngest(_orders.Ref, new DeadLetters(_producer, Dlq), quarantine,
            new IngestSettings(Parallelism: 8, AskTimeout: TimeSpan.FromMilliseconds(300), MaxAttempts: 2, Backoff: TimeSpan.FromMilliseconds(50)), TimeProvider.System);
        var consumer = ConsumerSettings<string, byte[]>.Create(_kafka.BootstrapServers, "ingest-test").WithProperty("auto.offset.reset", "earliest");
        var (control, completion) = ingest.Run(consumer, Commands, Sys.Materializer());

        _silentFor["stuck"] = 2; // both attempts of its first record go unanswered
        var valid = Enumerable.Range(0, 30).Select(i => $"ok-{i}").ToList();
        foreach (var id in valid.Take(15)) await Produce(id, CommandParserSpecs.Envelope(CommandParser.PlaceOrderType, CommandParserSpecs.PlaceData(id)));
        await Produce("stuck", CommandParserSpecs.Envelope(CommandParser.PlaceOrderType, CommandParserSpecs.PlaceData("stuck")));
        await Produce("stuck", CommandParserSpecs.Envelope(CommandParser.CancelOrderType, new JsonObject { ["orderId"] = "stuck", ["reason"] = "too slow" }));
        for (var i = 0; i < 5; i++) await Produce($"poison-{i}", "{ not a cloud event"u8.ToArray());
        foreach (var id in valid.Skip(15)) await Produce(id, CommandParserSpecs.Envelope(CommandParser.PlaceOrderType, CommandParserSpecs.PlaceData(id)));

        await Eventually.Until(() => Task.FromResult(ingest.Counts.Accepted == 30 && ingest.Counts.DeadLettered == 5 && ingest.Counts.Parked == 2),
            TimeSpan.FromSeconds(30), $"every record handled (counts {ingest.Counts})");
        _received.Select(c => c.OrderId).Where(id => id.StartsWith("ok-", StringComparison.Ordinal)).ShouldBe(valid, ignoreOrder: true);
        _received.ShouldNotContain(c => c.OrderId == "stuck", "the stuck order's later cancel must not overtake its placement");

        var parked = await quarantine.ListAsync("stuck", CancellationToken.None);
        parked.Select(p => CommandParser.Parse(p.Key, p.Payload)).Select(p => ((ValidCommand)p).Command.GetType()).ShouldBe([typeof(PlaceOrder), typeof(CancelOrder)]);
        parked[0].Error.ShouldContain("no answer");
        parked[1].Error.ShouldContain("behind");

        var dead = ReadDlq(5);
        dead.ShouldAllBe(d => d.GetProperty("error").GetString()!.StartsWith("invalid:") && d.GetProperty("originalTopic").GetString() == Commands);
        dead.Select(d => d.GetProperty("key").GetString()).ShouldBe(Enumerable.Range(0, 5).Select(i => $"poison-{i}"), ignoreOrder: true);

        await Eventually.Until(() => Task.FromResult(CommittedAtEnd("ingest-test")), TimeSpan.FromSeconds(30), "the group's offsets are at the end of every partition");

        // Redrive once the order answers: both records, in their original order.
        var (replayed, stillParked) = await ingest.RedriveAsync("stuck", CancellationToken.None);
        (replayed, stillParked).ShouldBe((2, 0));
        _received.Where(c => c.OrderId == "stuck").Select(c => c.GetType()).ShouldBe([typeof(PlaceOrder), typeof(CancelOrder)]);
        (await quarantine.ListAsync("stuck", CancellationToken.None)).ShouldBeEmpty();
        quarantine.IsQuarantined("stuck").ShouldBeFalse();

        await control.DrainAndShutdown(completion);
    }

    private async Task Produce(string key, byte[] value) =>
        await _producer.ProduceAsync(Commands, new Message<string, byte[]> { Key = key, Value = value });

    private List<JsonElement> ReadDlq(int count)
    {
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers, GroupId = "dlq-reader", AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        reader.Subscribe(Dlq);
        var records = new List<JsonElement>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (records.Count < count && DateTime.UtcNow < until)
        {
            if (reader.Consume(TimeSpan.FromMilliseconds(200)) is { } r) records.Add(JsonDocument.Parse(r.Message.Value).RootElement.Clone());
        }

        return records;
    }

    private bool CommittedAtEnd(string group)
    {
        using var reader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = group }).Build();
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartition(Commands, p)).ToList();
        var committed = reader.Committed(partitions, TimeSpan.FromSeconds(5));
        return committed.All(c => c.Offset.Value == reader.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _producer.Dispose();
        _kafka.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* the OS temp cleaner gets it */ }
    }
}
