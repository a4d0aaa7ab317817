using System.Collections.Concurrent;
using System.Text.Json;
using ActorOrders.Orders.Kafka.Monitoring;
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
/// The participant side of the Kafka transport, for participants that are actors in this process
/// (the simulators): consumes the command topics, hands each request to the participant's actor and
/// commits it, and produces the actor's reply to the participant's event topic with the request's
/// headers when it comes. A request is not held in the stream while its participant works: one that
/// never answers (the <c>noreply</c> test value) must not stall the requests behind it in its
/// partition. Its answer is abandoned after <c>answerTimeout</c>; the saga's step times out and
/// retries, as it would against a real service.
/// </summary>
/// <remarks>
/// The participants here keep their state in memory, so a request handed over is as durable as they
/// are: after a crash both are gone and the step's retry asks again. A participant with a store of its
/// own would commit after its reply is produced instead.
/// </remarks>
public sealed class ParticipantCommandHost(ParticipantRefs participants, ParticipantTopics topics, IProducer<string, byte[]> producer, TimeSpan answerTimeout)
{
    private readonly ConcurrentDictionary<Task, byte> _answering = new();
    private long _unanswered;

    /// <summary>Requests whose participant did not answer within the answer timeout, since start.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Requests handed over whose reply has not been produced yet.</summary>
    public int Answering => _answering.Count;

    /// <summary>Starts consuming the three command topics.</summary>
    public (IConsumerControl Control, Task<Done> Completion) Run(ConsumerSettings<string, byte[]> consumer, IMaterializer materializer) =>
        KafkaConsumer.CommittableSource(consumer, Subscription.Topics([.. topics.AllCommands]))
            .Select(message =>
            {
                HandOver(message.Record);
                return (ICommittable)message.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default), Keep.Both)
            .Run(materializer);

    /// <summary>Waits (at most <paramref name="timeout"/>) for the replies still being produced, after the stream has stopped.</summary>
    public Task DrainAsync(TimeSpan timeout) => Task.WhenAll(_answering.Keys).WaitAsync(timeout).ContinueWith(_ => { }, TaskScheduler.Default);

    private void HandOver(ConsumeResult<string, byte[]> record)
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

        var traceParent = ParticipantMessages.HeaderOf(record.Message.Headers, ParticipantMessages.TraceParentHeader);
        var span = KafkaTracing.Start($"{record.Topic} process", System.Diagnostics.ActivityKind.Consumer, traceParent, record.Topic, request.OrderId);
        var answer = AnswerAsync(request, KafkaTracing.ContextOf(span, traceParent));
        answer.ContinueWith(_ => KafkaTracing.End(span), TaskScheduler.Default);
        if (answer.IsCompleted) return;
        _answering.TryAdd(answer, 0);
        answer.ContinueWith(t => _answering.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task AnswerAsync(ParticipantRequest request, string? traceParent)
    {
        ParticipantReply reply;
        try
        {
            reply = await participants.For(request.Action).Ask<ParticipantReply>(request, answerTimeout);
        }
        catch (AskTimeoutException)
        {
            Interlocked.Increment(ref _unanswered);
            return;
        }

        try
        {
            await producer.ProduceAsync(topics.EventsOf(request.Action.ParticipantOf()), ParticipantMessages.Reply(reply, request.IdempotencyKey, traceParent));
        }
        catch (ProduceException<string, byte[]>)
        {
            // Lost like a reply lost on the network: the step times out and asks again, the participant answers the repeat.
        }
    }
}
