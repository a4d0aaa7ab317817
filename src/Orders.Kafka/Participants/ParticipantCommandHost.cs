using System.Text.Json;
using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorOrders.Domain.Participants;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Participants;

/// <summary>
/// The participant side of the Kafka transport, for services that are actors (the simulators):
/// consumes the command topics, asks the participant's actor, produces its reply to the
/// participant's event topic with the request's headers, and commits once the reply is delivered.
/// A participant that does not answer in time (the <c>noreply</c> test value) produces no reply: the
/// saga's step times out and retries, as it would against a real service.
/// </summary>
public sealed class ParticipantCommandHost(ParticipantRefs participants, ParticipantTopics topics, IProducer<string, byte[]> producer, TimeSpan answerTimeout, int parallelism)
{
    /// <summary>Starts consuming the three command topics.</summary>
    public (IConsumerControl Control, Task<Done> Completion) Run(ConsumerSettings<string, byte[]> consumer, IMaterializer materializer) =>
        KafkaConsumer.CommittableSource(consumer, Subscription.Topics([.. topics.AllCommands]))
            .SelectAsync(parallelism, async message =>
            {
                await HandleAsync(message.Record);
                return (ICommittable)message.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default), Keep.Both)
            .Run(materializer);

    private async Task HandleAsync(ConsumeResult<string, byte[]> record)
    {
        ParticipantRequest request;
        try
        {
            request = ParticipantMessages.ReadRequest(record.Message.Value);
        }
        catch (JsonException)
        {
            return; // not a request: nothing to answer (a real service would dead-letter it)
        }

        ParticipantReply reply;
        try
        {
            reply = await participants.For(request.Action).Ask<ParticipantReply>(request, answerTimeout);
        }
        catch (AskTimeoutException)
        {
            return;
        }

        var traceParent = ParticipantMessages.HeaderOf(record.Message.Headers, ParticipantMessages.TraceParentHeader);
        await producer.ProduceAsync(topics.EventsOf(request.Action.ParticipantOf()), ParticipantMessages.Reply(reply, request.IdempotencyKey, traceParent));
    }
}
