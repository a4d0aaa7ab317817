using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Participants;

/// <summary>
/// The participants' contract on Kafka (docs/kafka.md): a request on the participant's command
/// topic and its reply on its event topic, JSON, keyed by order id. The idempotency key, the
/// correlation id (the request id: a reply carries the one of its request) and W3C
/// <c>traceparent</c> also travel as headers, for services that route or trace without parsing.
/// </summary>
public static class ParticipantMessages
{
    /// <summary>Header with the request's idempotency key (the same on every retry of a step).</summary>
    public const string IdempotencyKeyHeader = "idempotency-key";

    /// <summary>Header with the request id, which the reply repeats.</summary>
    public const string CorrelationIdHeader = "correlation-id";

    /// <summary>W3C trace context header.</summary>
    public const string TraceParentHeader = "traceparent";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The record of a request to a participant.</summary>
    public static Message<string, byte[]> Request(ParticipantRequest request, string? traceParent) => new()
    {
        Key = request.OrderId,
        Value = JsonSerializer.SerializeToUtf8Bytes(new RequestV1(
            request.Action, request.OrderId, request.IdempotencyKey, request.RequestId, request.Attempt,
            new OrderV1(request.Order.CustomerId, request.Order.Currency, request.Order.Amount,
                [.. request.Order.Lines.Select(l => new LineV1(l.Sku, l.Quantity, l.UnitPrice))],
                new AddressV1(request.Order.ShippingAddress.Line1, request.Order.ShippingAddress.City, request.Order.ShippingAddress.PostalCode, request.Order.ShippingAddress.Country))), Json),
        Headers = Headers(request.IdempotencyKey, request.RequestId, traceParent),
    };

    /// <summary>The record of a participant's reply.</summary>
    public static Message<string, byte[]> Reply(ParticipantReply reply, string idempotencyKey, string? traceParent) => new()
    {
        Key = reply.OrderId,
        Value = JsonSerializer.SerializeToUtf8Bytes(new ReplyV1(reply.Action, reply.OrderId, reply.RequestId, reply.Outcome, reply.Reference, reply.Reason), Json),
        Headers = Headers(idempotencyKey, reply.RequestId, traceParent),
    };

    /// <summary>Reads a request; throws <see cref="JsonException"/> when the record is not one.</summary>
    public static ParticipantRequest ReadRequest(byte[] value)
    {
        var r = JsonSerializer.Deserialize<RequestV1>(value, Json) ?? throw new JsonException("The request is null.");
        var lines = r.Order.Lines.Select(l => new OrderLine(l.Sku, l.Quantity, l.UnitPrice)).ToList();
        var address = new ShippingAddress(r.Order.ShippingAddress.Line1, r.Order.ShippingAddress.City, r.Order.ShippingAddress.PostalCode, r.Order.ShippingAddress.Country);
        return new ParticipantRequest(r.OrderId, r.Action, r.IdempotencyKey, r.RequestId, r.Attempt,
            new OrderSummary(r.Order.CustomerId, r.Order.Currency, r.Order.Amount, lines, address));
    }

    /// <summary>Reads a reply; throws <see cref="JsonException"/> when the record is not one.</summary>
    public static ParticipantReply ReadReply(byte[] value)
    {
        var r = JsonSerializer.Deserialize<ReplyV1>(value, Json) ?? throw new JsonException("The reply is null.");
        return new ParticipantReply(r.OrderId, r.Action, r.RequestId, r.Outcome, r.Reference, r.Reason);
    }

    /// <summary>A header's text, or null.</summary>
    public static string? HeaderOf(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    private static Headers Headers(string idempotencyKey, string requestId, string? traceParent)
    {
        var headers = new Headers
        {
            { IdempotencyKeyHeader, Encoding.UTF8.GetBytes(idempotencyKey) },
            { CorrelationIdHeader, Encoding.UTF8.GetBytes(requestId) },
        };
        if (!string.IsNullOrEmpty(traceParent)) headers.Add(TraceParentHeader, Encoding.UTF8.GetBytes(traceParent));
        return headers;
    }

    /// <summary>A request, version 1 (field names are the wire contract).</summary>
    public sealed record RequestV1(ParticipantAction Action, string OrderId, string IdempotencyKey, string RequestId, int Attempt, OrderV1 Order);

    /// <summary>What the participant needs of the order.</summary>
    public sealed record OrderV1(string CustomerId, string Currency, decimal Amount, IReadOnlyList<LineV1> Lines, AddressV1 ShippingAddress);

    /// <summary>One line.</summary>
    public sealed record LineV1(string Sku, int Quantity, decimal UnitPrice);

    /// <summary>The shipping address.</summary>
    public sealed record AddressV1(string Line1, string City, string PostalCode, string Country);

    /// <summary>A reply, version 1.</summary>
    public sealed record ReplyV1(ParticipantAction Action, string OrderId, string RequestId, ParticipantOutcome Outcome, string? Reference, string? Reason);
}
