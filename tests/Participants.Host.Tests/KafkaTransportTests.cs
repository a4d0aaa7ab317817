using System.Net;
using System.Text.Json;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Orders.Kafka.Participants;
using ActorOrders.Streams.Kafka.Embedded;
using ActorOrders.Testing;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.ParticipantsHost.Tests;

/// <summary>
/// Participants:Transport=Kafka: the host answers requests produced to the participants' command topics of a
/// Kafka cluster (librdkafka's mock cluster, over the wire protocol) with replies on the reply topics.
/// </summary>
public sealed class KafkaTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly MockCluster _kafka = new(brokers: 1);
    private WebApplication _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        foreach (var topic in new[] { "payments.commands", "payments.events", "inventory.commands", "inventory.events", "shipping.commands", "shipping.events" })
            _kafka.CreateTopic(topic, partitions: 4);
        _host = Program.Build(["--urls", "http://127.0.0.1:0"], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorOrders:Participants:Transport"] = "Kafka",
            ["ActorOrders:Participants:MinLatency"] = "00:00:00",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:00.002",
            ["ActorOrders:Kafka:BootstrapServers"] = _kafka.BootstrapServers,
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await _host.StartAsync();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        await Eventually.Until(async () => (await _http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, Deadline, "the host's consumer joined its group");
    }

    [Fact]
    public async Task A_request_on_a_command_topic_is_answered_on_its_reply_topic_once_per_idempotency_key()
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        var charge = Request("o-kafka-1", ParticipantAction.AuthorizePayment, "alice");
        await producer.ProduceAsync("payments.commands", ParticipantMessages.Request(charge, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        // The same request again (a step's retry after a lost reply): answered again, charged once.
        await producer.ProduceAsync("payments.commands", ParticipantMessages.Request(charge with { RequestId = charge.RequestId + "-again", Attempt = 2 }, null));
        var reserve = Request("o-kafka-1", ParticipantAction.ReserveInventory, "alice");
        await producer.ProduceAsync("inventory.commands", ParticipantMessages.Request(reserve, null));

        var replies = Consume(["payments.events", "inventory.events"], count: 3);

        var payments = replies.Where(r => r.Topic == "payments.events").ToList();
        payments.Count.ShouldBe(2);
        payments.ShouldAllBe(r => r.Message.Key == "o-kafka-1");
        // Each request is answered as its simulator finishes: the two replies may come in either order.
        payments.Select(r => ParticipantMessages.ReadReply(r.Message.Value).RequestId).Order(StringComparer.Ordinal).ShouldBe([charge.RequestId, charge.RequestId + "-again"]);
        payments.ShouldAllBe(r => ParticipantMessages.ReadReply(r.Message.Value).Outcome == ParticipantOutcome.Succeeded);
        var first = payments.Single(r => ParticipantMessages.ReadReply(r.Message.Value).RequestId == charge.RequestId);
        ParticipantMessages.HeaderOf(first.Message.Headers, ParticipantMessages.TraceParentHeader).ShouldBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        payments.ShouldAllBe(r => ParticipantMessages.HeaderOf(r.Message.Headers, ParticipantMessages.IdempotencyKeyHeader) == charge.IdempotencyKey);
        ParticipantMessages.ReadReply(replies.Single(r => r.Topic == "inventory.events").Message.Value).Outcome.ShouldBe(ParticipantOutcome.Succeeded);

        var ledger = await Ledger("o-kafka-1");
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("paymentRequests").GetInt32().ShouldBe(2);
        ledger.GetProperty("reserved").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_noreply_authorization_gets_no_reply_while_its_void_is_answered()
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        await producer.ProduceAsync("payments.commands", ParticipantMessages.Request(Request("o-kafka-2", ParticipantAction.AuthorizePayment, "noreply-9"), null));
        await producer.ProduceAsync("payments.commands", ParticipantMessages.Request(Request("o-kafka-2", ParticipantAction.RefundPayment, "noreply-9"), null));

        var reply = ParticipantMessages.ReadReply(Consume(["payments.events"], count: 1, orderId: "o-kafka-2").Single().Message.Value);

        reply.Action.ShouldBe(ParticipantAction.RefundPayment, "the authorization is never answered");
        reply.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        (await Ledger("o-kafka-2")).GetProperty("charges").GetInt32().ShouldBe(0);
    }

    private static ParticipantRequest Request(string orderId, ParticipantAction action, string customer)
    {
        var key = $"{orderId}:{action}";
        var order = new OrderSummary(customer, "USD", 25.00m, [new OrderLine("BOOK-1", 2, 12.50m)], new ShippingAddress("1 Main St", "Springfield", "12345", "US"));
        return new ParticipantRequest(orderId, action, key, $"{key}#1", 1, order);
    }

    // Reads the topics from the start until `count` records (of one order, if given) arrived.
    private List<ConsumeResult<string, byte[]>> Consume(string[] topics, int count, string? orderId = null)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = "test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topics);
        var records = new List<ConsumeResult<string, byte[]>>();
        var until = DateTime.UtcNow + Deadline;
        while (records.Count < count && DateTime.UtcNow < until)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is { IsPartitionEOF: false } && (orderId is null || record.Message.Key == orderId)) records.Add(record);
        }

        records.Count.ShouldBe(count, $"replies on {string.Join(", ", topics)} within {Deadline.TotalSeconds} s");
        return records;
    }

    private async Task<JsonElement> Ledger(string orderId)
    {
        using var response = await _http.GetAsync($"/participants/ledger?orderId={orderId}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("orders")[0].Clone();
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        _kafka.Dispose();
    }
}
