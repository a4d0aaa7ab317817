using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using ActorOrders.Domain.Events;

namespace ActorOrders.Orders.Kafka.Events;

/// <summary>
/// An order event as a CloudEvents 1.0 structured-mode JSON document for orders.events: id
/// <c>{persistenceId}:{sequenceNr}</c> (the same event always has the same id: consumers
/// de-duplicate on it), the <c>sequence</c> extension carrying the sequence number, type
/// <c>actororders.order.{Name}.v1</c>, subject the order id, time the event's time, data its public form.
/// </summary>
public static class OrderCloudEvents
{
    /// <summary>The source of every order event.</summary>
    public static readonly Uri Source = new("urn:actororders:orders");

    /// <summary>
    /// The CloudEvents sequence extension (a string that orders lexicographically): the event's
    /// sequence number, zero-padded to 20 digits so that string order is number order.
    /// </summary>
    public static readonly CloudEventAttribute Sequence = CloudEventAttribute.CreateExtension("sequence", CloudEventAttributeType.String);

    /// <summary>
    /// The CloudEvents distributed tracing extension's <c>traceparent</c> (W3C trace context): the span
    /// that published the event, a child of the order's placement. Absent when the order has no trace.
    /// </summary>
    public static readonly CloudEventAttribute TraceParent = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The CloudEvent id of an event: <c>{persistenceId}:{sequenceNr}</c>.</summary>
    public static string IdOf(string persistenceId, long sequenceNr) =>
        $"{persistenceId}:{sequenceNr.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The structured-mode JSON bytes of one journal event.</summary>
    public static byte[] Encode(string persistenceId, long sequenceNr, IOrderEvent evt, string? traceParent = null)
    {
        var (name, data) = PublicOrderEvents.Of(evt);
        var cloudEvent = new CloudEvent
        {
            Id = IdOf(persistenceId, sequenceNr),
            Source = Source,
            Type = PublicOrderEvents.TypePrefix + name + ".v1",
            Subject = evt.OrderId,
            Time = evt.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = JsonSerializer.SerializeToElement(data),
        };
        cloudEvent[Sequence] = sequenceNr.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(traceParent)) cloudEvent[TraceParent] = traceParent;
        return Formatter.EncodeStructuredModeMessage(cloudEvent, out _).ToArray();
    }
}
