using System.Text.Json;
using ActorOrders.Orders.Kafka.Monitoring;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorOrders.Domain.Participants;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Participants;

/// <summary>
/// The participants' replies (payments.events, inventory.events, shipping.events) → the order they
/// belong to (through the shard region) → committed once the order acknowledged them. A reply the
/// order does not await (a duplicate, a late one) is acknowledged and ignored by the order; a record
/// that is not a reply goes to orders.dlq.
/// </summary>
/// <remarks>
/// The order's step acknowledges a reply before the order has stored its outcome. If the node dies
/// in between, the committed reply is gone, and that is safe: after recovery the step re-sends the
/// same request (same idempotency key) and the participant answers the repeat again.
/// </remarks>
public sealed class ParticipantReplyIngest(IActorRef orders, DeadLetters deadLetters, TimeSpan askTimeout, int parallelism, TimeProvider clock)
{
    private long _delivered;

    /// <summary>Replies delivered to their orders since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Starts consuming the reply topics.</summary>
    public (IConsumerControl Control, Task<Done> Completion) Run(ConsumerSettings<string, byte[]> consumer, IReadOnlyList<string> topics, IMaterializer materializer) =>
        KafkaConsumer.CommittableSource(consumer, Subscription.Topics([.. topics]))
            .SelectAsync(parallelism, async message =>
            {
                await HandleAsync(message.Record);
                return (ICommittable)message.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default), Keep.Both)
            .Run(materializer);

    private async Task HandleAsync(ConsumeResult<string, byte[]> record)
    {
        ParticipantReply reply;
        try
        {
            reply = ParticipantMessages.ReadReply(record.Message.Value);
        }
        catch (JsonException e)
        {
            await deadLetters.WriteAsync(record, "invalid participant reply: " + e.Message, 1, clock.GetUtcNow(), CancellationToken.None);
            return;
        }

        var traceParent = ParticipantMessages.HeaderOf(record.Message.Headers, ParticipantMessages.TraceParentHeader);
        var span = KafkaTracing.Start($"{record.Topic} process", System.Diagnostics.ActivityKind.Consumer, traceParent, record.Topic, reply.OrderId);
        try
        {
            await DeliverAsync(reply);
        }
        finally
        {
            KafkaTracing.End(span);
        }
    }

    private async Task DeliverAsync(ParticipantReply reply)
    {
        // Attempts are bounded: a reply whose order does not answer is dropped with a warning by the
        // caller's logs; the step's timeout re-sends the request, and the participant answers again.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await orders.Ask<ParticipantReplyAck>(reply, askTimeout);
                Interlocked.Increment(ref _delivered);
                return;
            }
            catch (AskTimeoutException)
            {
                // The order is recovering or busy: try again, a little later by the timeout itself.
            }
        }
    }
}
