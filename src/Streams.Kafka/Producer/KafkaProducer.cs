using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Producer;

/// <summary>Kafka produce flows and sinks.</summary>
public static class KafkaProducer
{
    /// <summary>
    /// Writes envelopes and emits a result per envelope once its delivery reports are in, in input
    /// order. Owns a producer built from <paramref name="settings"/> (flushed and disposed when
    /// the stage stops) unless <paramref name="producer"/> is given, which stays the caller's.
    /// </summary>
    public static Flow<ProducerEnvelope<TKey, TValue, TPass>, ProducerResult<TKey, TValue, TPass>, NotUsed> Flow<TKey, TValue, TPass>(
        ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null) =>
        Akka.Streams.Dsl.Flow.FromGraph(new ProducerStage<TKey, TValue, TPass>(settings, producer));

    /// <summary>Writes records; the task completes when every record is delivered, or fails with the first error.</summary>
    public static Sink<ProducerRecord<TKey, TValue>, Task<Done>> PlainSink<TKey, TValue>(
        ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue>? producer = null) =>
        Akka.Streams.Dsl.Flow.Create<ProducerRecord<TKey, TValue>>()
            .Select(record => ProducerMessage.Single(record, NotUsed.Instance))
            .Via(Flow<TKey, TValue, NotUsed>(settings.WithErrorMode(ProducerErrorMode.FailStream), producer))
            .ToMaterialized(Sink.Ignore<ProducerResult<TKey, TValue, NotUsed>>(), Keep.Right);

    /// <summary>
    /// Consume-transform-produce: writes envelopes whose pass-through is the consumed offset and
    /// commits it only after delivery. Failed deliveries always fail the stream here, because
    /// committing past an undelivered record would lose it.
    /// </summary>
    public static Sink<ProducerEnvelope<TKey, TValue, ICommittable>, Task<Done>> CommittableSink<TKey, TValue>(
        ProducerSettings<TKey, TValue> settings, CommitterSettings committerSettings, IProducer<TKey, TValue>? producer = null) =>
        Flow<TKey, TValue, ICommittable>(settings.WithErrorMode(ProducerErrorMode.FailStream), producer)
            .Select(result => result.PassThrough)
            .ToMaterialized(Committer.Sink(committerSettings), Keep.Right);
}
