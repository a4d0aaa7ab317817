using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrders.Domain.Participants;
using ActorOrders.Orders.Kafka.Events;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Orders.Kafka.Participants;
using CloudNative.CloudEvents.SystemTextJson;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// Which schema a record of a topic is checked against, found the way a consumer finds it (the
/// CloudEvents <c>type</c> on orders.commands and orders.events, the topic elsewhere), and reading
/// it with the code that reads it today: <see cref="CommandParser"/>, <see cref="ParticipantMessages"/>,
/// the CloudEvents SDK with the <c>sequence</c> extension, the dead letter's payload decoding.
/// </summary>
public static class MessageReaders
{
    /// <summary>The schema file (relative to docs/schemas) of a record of <paramref name="topic"/>.</summary>
    public static string SchemaFor(string topic, byte[] value)
    {
        switch (topic)
        {
            case "orders.commands":
            case "orders.events":
                var type = JsonNode.Parse(value)?["type"]?.GetValue<string>() ?? throw new InvalidDataException("no CloudEvents type");
                if (!type.StartsWith(PublicOrderEvents.TypePrefix, StringComparison.Ordinal)) throw new InvalidDataException($"type '{type}' is not actororders.order.*");
                return $"{topic}/{type[PublicOrderEvents.TypePrefix.Length..]}.schema.json";
            case "orders.dlq":
                return "orders.dlq/DeadLetter.v1.schema.json";
            default:
                return topic.EndsWith(".commands", StringComparison.Ordinal) ? $"{topic}/Request.v1.schema.json"
                    : topic.EndsWith(".events", StringComparison.Ordinal) ? $"{topic}/Reply.v1.schema.json"
                    : throw new InvalidDataException($"no schema for topic {topic}");
        }
    }

    /// <summary>What goes wrong when today's code reads the record; empty when it reads as what it says it is.</summary>
    public static IReadOnlyList<string> Problems(string topic, byte[] value)
    {
        // CommandParser never throws (the ingest relies on it: an exception would stop the stream), so nothing is caught for it.
        if (topic == "orders.commands") return Command(value);
        try
        {
            return topic switch
            {
                "orders.events" => Event(value),
                "orders.dlq" => DeadLetter(value),
                _ when topic.EndsWith(".commands", StringComparison.Ordinal) => Request(topic, value),
                _ => Reply(topic, value),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or InvalidDataException)
        {
            return [$"{e.GetType().Name}: {e.Message}"];
        }
    }

    private static List<string> Command(byte[] value)
    {
        // The record's key is the order id (docs/kafka.md); a fixture keeps the value only.
        var orderId = JsonNode.Parse(value)?["data"] is JsonObject data && data["orderId"] is JsonValue node && node.TryGetValue<string>(out var text) ? text : null;
        return CommandParser.Parse(orderId, value) switch
        {
            ValidCommand { Command.OrderId: var id } when id == orderId => [],
            ValidCommand other => [$"read as a command for '{other.Command.OrderId}', not '{orderId}'"],
            InvalidCommand invalid => [$"CommandParser refused it: {invalid.Error}"],
            var other => [$"CommandParser answered {other}"],
        };
    }

    private static List<string> Event(byte[] value)
    {
        var cloudEvent = new JsonEventFormatter().DecodeStructuredModeMessage(value, new ContentType("application/cloudevents+json"), [OrderCloudEvents.Sequence]);
        var problems = new List<string>();
        if (cloudEvent.Type?.StartsWith(PublicOrderEvents.TypePrefix, StringComparison.Ordinal) != true) problems.Add($"type '{cloudEvent.Type}'");
        if (cloudEvent[OrderCloudEvents.Sequence] is not string sequence || !long.TryParse(sequence, NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNr))
        {
            problems.Add("no sequence extension that parses as an integer");
        }
        else if (cloudEvent.Id?.EndsWith(":" + sequenceNr.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) != true)
        {
            problems.Add($"id '{cloudEvent.Id}' does not end with the sequence number {sequenceNr}");
        }

        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data) problems.Add("data is not a JSON object");
        else if (!data.TryGetProperty("orderId", out var orderId) || orderId.GetString() != cloudEvent.Subject) problems.Add("data.orderId is not the subject");
        return problems;
    }

    private static List<string> Request(string topic, byte[] value)
    {
        var request = ParticipantMessages.ReadRequest(value);
        var problems = new List<string>();
        if (request.IdempotencyKey != ParticipantActions.IdempotencyKey(request.OrderId, request.Action)) problems.Add($"idempotency key '{request.IdempotencyKey}'");
        if (!topic.StartsWith(ProducedMessages.TopicPrefixOf(request.Action.ParticipantOf()) + ".", StringComparison.Ordinal)) problems.Add($"{request.Action} does not go to {topic}");
        return problems;
    }

    private static List<string> Reply(string topic, byte[] value)
    {
        var reply = ParticipantMessages.ReadReply(value);
        return topic.StartsWith(ProducedMessages.TopicPrefixOf(reply.Action.ParticipantOf()) + ".", StringComparison.Ordinal)
            ? []
            : [$"a reply to {reply.Action} does not come from {topic}"];
    }

    private static List<string> DeadLetter(byte[] value)
    {
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        var payload = root.GetProperty("payload").GetString() ?? "";
        var bytes = root.GetProperty("payloadEncoding").GetString() switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(payload),
            "base64" => Convert.FromBase64String(payload),
            var other => throw new InvalidDataException($"payloadEncoding '{other}'"),
        };
        _ = root.GetProperty("failedAt").GetDateTimeOffset();
        return bytes.Length > 0 ? [] : ["the payload is empty"];
    }
}
