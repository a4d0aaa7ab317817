using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Persistence.Query;
using ActorOrders.Orders.Kafka.Monitoring;
using Confluent.Kafka;
using ActorOrders.Domain.Events;
using ActorOrders.Orders.Kafka.Events;
using ActorOrders.Projections;

namespace ActorOrders.Orders.Kafka.Publication;

/// <summary>
/// Publishes every order event to orders.events (the journal is the outbox): a projection handler
/// whose batch completes only when every record of it is acknowledged by the brokers (idempotent
/// producer, acks=all), so the engine stores the slice's offset after delivery. After a crash a
/// batch may be published again — the same CloudEvent ids: consumers de-duplicate — but an event is
/// never skipped: a jump in an order's sequence numbers (the tag query missed events) is filled by
/// reading the order's events by persistence id and publishing them first.
/// </summary>
/// <remarks>
/// Records are keyed by order id, so each order's events stay in order in one partition. Each record gets
/// a span <c>orders.events publish</c> under the order's trace (OrderPlaced's traceparent, remembered per order
/// while this node publishes its slice: an order placed before the slice came here publishes without one)
/// and that span's context as the CloudEvents <c>traceparent</c> extension.
/// </remarks>
public sealed class OrderEventsPublisher(IProducer<string, byte[]> producer, string topic, PublishedSequences published) : IProjectionHandler
{
    /// <summary>The projection's name (its offsets are stored under it).</summary>
    public const string ProjectionName = "orders-events-publisher";

    private const int RememberedTraces = 50_000;
    private readonly ConcurrentDictionary<string, string> _traces = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task HandleAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var events = batch.Envelopes.Where(e => e.Event is IOrderEvent).ToList();
        if (events.Count == 0) return;
        var orderIds = events.Select(e => ((IOrderEvent)e.Event).OrderId).Distinct(StringComparer.Ordinal).ToList();
        var last = await published.LoadAsync(orderIds, ct);

        var deliveries = new List<Task<DeliveryResult<string, byte[]>>>(events.Count);
        foreach (var envelope in events)
        {
            var orderId = ((IOrderEvent)envelope.Event).OrderId;
            var applied = last.GetValueOrDefault(orderId);
            if (envelope.SequenceNr <= applied) continue;
            if (envelope.SequenceNr > applied + 1)
            {
                var missing = await batch.CatchUp.ReadAsync(envelope.PersistenceId, applied + 1, envelope.SequenceNr - 1, ct);
                // The order wrote them in sequence, so they are stored by now; otherwise retry rather than leave a gap.
                if (missing.Count != envelope.SequenceNr - 1 - applied)
                    throw new InvalidOperationException($"{envelope.PersistenceId}: events {applied + 1}..{envelope.SequenceNr - 1} are not all in the journal yet; the batch is retried.");
                deliveries.AddRange(missing.Where(m => m.Event is IOrderEvent).Select(m => Produce(m, ct)));
            }

            deliveries.Add(Produce(envelope, ct));
            last[orderId] = envelope.SequenceNr;
        }

        await Task.WhenAll(deliveries);
        await published.SaveAsync(last, ct);
    }

    private Task<DeliveryResult<string, byte[]>> Produce(EventEnvelope envelope, CancellationToken ct)
    {
        var evt = (IOrderEvent)envelope.Event;
        var trace = TraceOf(evt);
        var span = KafkaTracing.Start($"{topic} publish", ActivityKind.Producer, trace, topic, evt.OrderId);
        var context = KafkaTracing.ContextOf(span, trace);
        var headers = new Headers { new Header("content-type", "application/cloudevents+json"u8.ToArray()) };
        if (context is not null) headers.Add("traceparent", System.Text.Encoding.UTF8.GetBytes(context));
        var delivery = producer.ProduceAsync(topic, new Message<string, byte[]>
        {
            Key = evt.OrderId,
            Value = OrderCloudEvents.Encode(envelope.PersistenceId, envelope.SequenceNr, evt, context),
            Headers = headers,
        }, ct);
        if (span is not null) delivery.ContinueWith(t => KafkaTracing.End(span, t.Exception?.InnerException), TaskScheduler.Default);
        return delivery;
    }

    private string? TraceOf(IOrderEvent evt)
    {
        if (evt is OrderPlaced { TraceParent: { Length: > 0 } placed })
        {
            if (_traces.Count >= RememberedTraces) _traces.Clear();
            _traces[evt.OrderId] = placed;
            return placed;
        }

        if (!_traces.TryGetValue(evt.OrderId, out var trace)) return null;
        if (evt is OrderCompleted or OrderCancelled or OrderRejected) _traces.TryRemove(evt.OrderId, out _);
        return trace;
    }
}
