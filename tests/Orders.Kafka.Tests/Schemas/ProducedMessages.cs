using System.Net.Mime;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Participants;
using ActorOrders.Orders.Kafka.Events;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Orders.Kafka.Participants;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// One Kafka record value as the system's own code writes it today, with the schema it must
/// meet (a path under docs/schemas) and the name of its fixture (a path under Schemas/Fixtures).
/// </summary>
public sealed record ProducedMessage(string Topic, string Name, string Schema, string? Key, byte[] Value)
{
    /// <summary>The fixture's path relative to the fixtures folder: <c>{topic}/{name}.json</c>.</summary>
    public string Fixture => $"{Topic}/{Name}.json";
}

/// <summary>
/// Every message type that travels on ActorOrders' topics, built by the code that writes it
/// (<see cref="OrderCloudEvents"/>, <see cref="ParticipantMessages"/>, <see cref="DeadLetters"/>) from
/// samples with every field set. orders.commands is written by upstream systems, not by us: its
/// records are built from the contract records (<see cref="PlaceOrder"/>, <see cref="CancelOrder"/>)
/// with the contracts' own serializer (the POST /orders body shape) and the CloudEvents SDK.
/// Deterministic: the same bytes on every run, so a captured fixture is what the code wrote.
/// </summary>
public sealed class ProducedMessages : IDisposable
{
    /// <summary>The time every sample happens at.</summary>
    public static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, 123, TimeSpan.Zero);

    private const string OrderId = "o-1001";
    private readonly ActorSystem _system = ActorSystem.Create("schemas", ContractsSerialization.Config);

    public ProducedMessages()
    {
        All = [.. Commands(), .. Events(), .. ParticipantRecords(), .. DeadLetterRecords()];
    }

    /// <summary>Every produced message.</summary>
    public IReadOnlyList<ProducedMessage> All { get; }

    /// <summary>Every concrete journal event type (each must have a sample and so a public form and a schema).</summary>
    public static IReadOnlyList<Type> JournalEventTypes { get; } =
        [.. typeof(IOrderEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrderEvent).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>
    /// One sample per journal event type, every field set to a non-default value, in the order a
    /// life could tell them (their sequence numbers follow it).
    /// </summary>
    public static IReadOnlyList<IOrderEvent> EventSamples { get; } =
    [
        new OrderPlaced(OrderId, "alice", "USD", [new OrderLineData("BOOK-1", 2, 12.50m), new OrderLineData("MUG-7", 1, 0.99m)],
            "1 Main St", "Springfield", "12345", "US", 25.99m, "fingerprint-not-public", At),
        new PaymentAuthorized(OrderId, "pay-7d2e", 25.99m, At),
        new PaymentDeclined(OrderId, "card declined", At),
        new InventoryReserved(OrderId, "res-41", At),
        new InventoryUnavailable(OrderId, "BOOK-1 out of stock", At),
        new ShipmentScheduled(OrderId, "trk-9001", At),
        new ShipmentFailed(OrderId, "address not served", At),
        new StepAttemptFailed(OrderId, ParticipantAction.ReserveInventory, 2, "no answer within 5 s", At.AddSeconds(4), At),
        new StepTimedOut(OrderId, ParticipantAction.AuthorizePayment, 5, "no answer within 5 attempts", At),
        new CancellationRequested(OrderId, "changed my mind", At),
        new PaymentRefunded(OrderId, "ref-33", At),
        new InventoryReleased(OrderId, At),
        new ShipmentCancelled(OrderId, At),
        new CompensationStalled(OrderId, ParticipantAction.RefundPayment, 8, "refund refused", At),
        new OrderRetryRequested(OrderId, "operator@example.com", At),
        new CompensationForced(OrderId, "forced by an operator", "operator@example.com", At),
        new OrderCompleted(OrderId, At),
        new OrderCancelled(OrderId, "changed my mind", At),
        new OrderRejected(OrderId, "card declined", At),
    ];

    /// <summary>The samples of events whose data has a nullable field, with that field null (both forms are published).</summary>
    public static IReadOnlyList<(string Name, IOrderEvent Event)> NullVariants { get; } =
        [("PaymentRefunded.no-reference", new PaymentRefunded(OrderId, null, At))];

    /// <summary>The folder of a participant's topics (payments.commands, …), as the defaults name them.</summary>
    public static string TopicPrefixOf(Participant participant) => participant switch
    {
        Participant.Payment => "payments",
        Participant.Inventory => "inventory",
        Participant.Shipping => "shipping",
        _ => throw new ArgumentOutOfRangeException(nameof(participant), participant, "a participant without topics: add its schemas"),
    };

    /// <summary>The schema of a public event type.</summary>
    public static string EventSchemaOf(string publicName) => $"orders.events/{publicName}.v1.schema.json";

    private IEnumerable<ProducedMessage> Commands()
    {
        var serializer = _system.Serialization.FindSerializerForType(typeof(PlaceOrder));
        var place = new PlaceOrder(OrderId, "alice", "USD", [new OrderLine("BOOK-1", 2, 12.50m), new OrderLine("MUG-7", 1, 0.99m)],
            new ShippingAddress("1 Main St", "Springfield", "12345", "US"));
        yield return Command("PlaceOrder.v1", CommandParser.PlaceOrderType, serializer.ToBinary(place));

        var cancel = new CancelOrder(OrderId, "changed my mind");
        yield return Command("CancelOrder.v1", CommandParser.CancelOrderType, serializer.ToBinary(cancel));
    }

    private static ProducedMessage Command(string name, string type, byte[] data)
    {
        var cloudEvent = new CloudEvent
        {
            Id = "7f1c0d2e-" + name,
            Source = new Uri("urn:shop:storefront"),
            Type = type,
            Subject = OrderId,
            Time = At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonDocument.Parse(data).RootElement.Clone(),
        };
        var value = new JsonEventFormatter().EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
        return new ProducedMessage("orders.commands", name, $"orders.commands/{name}.schema.json", OrderId, value);
    }

    private static IEnumerable<ProducedMessage> Events()
    {
        var sequenceNr = 0L;
        foreach (var evt in EventSamples) yield return Event(PublicOrderEvents.Of(evt).Name + ".v1", evt, ++sequenceNr);

        foreach (var (name, evt) in NullVariants) yield return Event(name + ".v1", evt, ++sequenceNr);
    }

    private static ProducedMessage Event(string name, IOrderEvent evt, long sequenceNr) =>
        new("orders.events", name, EventSchemaOf(PublicOrderEvents.Of(evt).Name), evt.OrderId,
            OrderCloudEvents.Encode("order-" + evt.OrderId, sequenceNr, evt));

    private static IEnumerable<ProducedMessage> ParticipantRecords()
    {
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        var order = new OrderSummary("alice", "USD", 25.99m, [new OrderLine("BOOK-1", 2, 12.50m), new OrderLine("MUG-7", 1, 0.99m)],
            new ShippingAddress("1 Main St", "Springfield", "12345", "US"));
        foreach (var action in Enum.GetValues<ParticipantAction>())
        {
            var prefix = TopicPrefixOf(action.ParticipantOf());
            var key = ParticipantActions.IdempotencyKey(OrderId, action);
            var requestId = $"{key}#3f2a1c9b0e.1";
            var request = ParticipantMessages.Request(new ParticipantRequest(OrderId, action, key, requestId, 1, order), traceParent);
            yield return new ProducedMessage($"{prefix}.commands", $"{action}.v1", $"{prefix}.commands/Request.v1.schema.json", request.Key, request.Value);

            foreach (var outcome in Enum.GetValues<ParticipantOutcome>())
            {
                var reply = outcome switch
                {
                    ParticipantOutcome.Succeeded => new ParticipantReply(OrderId, action, requestId, outcome, $"{prefix}-ref-1", null),
                    _ => new ParticipantReply(OrderId, action, requestId, outcome, null, $"{outcome} for the sample"),
                };
                var record = ParticipantMessages.Reply(reply, key, traceParent);
                yield return new ProducedMessage($"{prefix}.events", $"{action}.{outcome}.v1", $"{prefix}.events/Reply.v1.schema.json", record.Key, record.Value);
            }
        }
    }

    private static IEnumerable<ProducedMessage> DeadLetterRecords()
    {
        var utf8 = Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"1","source":"urn:shop:storefront","type":"actororders.order.PlaceOrder.v1","data":{"orderId":"o-1001","currency":"usd"}}""");
        yield return DeadLetter("utf-8.v1", OrderId, utf8, "invalid: data.currency 'usd' is not a known ISO 4217 currency code (upper case, e.g. USD).", 1);
        yield return DeadLetter("base64.v1", null, [0xff, 0xfe, 0x00, 0x41], "invalid: not valid JSON: '0xFF' is an invalid start of a value.", 1);
    }

    private static ProducedMessage DeadLetter(string name, string? key, byte[] payload, string error, int attempts)
    {
        var producer = DispatchProxy.Create<IProducer<string, byte[]>, CapturingProducer>();
        var record = new ConsumeResult<string, byte[]>
        {
            Topic = "orders.commands",
            Partition = new Partition(3),
            Offset = new Offset(1284),
            Message = new Message<string, byte[]> { Key = key!, Value = payload },
        };
        new DeadLetters(producer, "orders.dlq").WriteAsync(record, error, attempts, At, CancellationToken.None).GetAwaiter().GetResult();
        var written = ((CapturingProducer)(object)producer).Written.ShouldHaveSingleItem();
        return new ProducedMessage("orders.dlq", name, "orders.dlq/DeadLetter.v1.schema.json", written.Key, written.Value);
    }

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));
}

/// <summary>A producer that only records what it is asked to produce (DeadLetters needs nothing else).</summary>
public class CapturingProducer : DispatchProxy
{
    /// <summary>The messages produced, in order.</summary>
    public List<Message<string, byte[]>> Written { get; } = [];

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name == nameof(IProducer<string, byte[]>.ProduceAsync) && args is [string topic, Message<string, byte[]> message, ..])
        {
            Written.Add(message);
            return Task.FromResult(new DeliveryResult<string, byte[]> { Topic = topic, Message = message, Status = PersistenceStatus.Persisted });
        }

        throw new NotSupportedException($"{targetMethod?.Name} is not used by the code under test");
    }
}
