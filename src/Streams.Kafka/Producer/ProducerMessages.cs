using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Producer;

/// <summary>One record to write: destination (a partition, or <see cref="Partition.Any"/> for the partitioner) and message.</summary>
/// <param name="TopicPartition">Where to write.</param>
/// <param name="Message">Key, value, headers and timestamp.</param>
public sealed record ProducerRecord<TKey, TValue>(TopicPartition TopicPartition, Message<TKey, TValue> Message)
{
    /// <summary>A record for <paramref name="topic"/>, partitioned by key.</summary>
    public ProducerRecord(string topic, TKey key, TValue value)
        : this(new TopicPartition(topic, Partition.Any), new Message<TKey, TValue> { Key = key, Value = value }) { }
}

/// <summary>What the produce flow accepts: zero, one or many records plus a value passed through to the result.</summary>
public abstract record ProducerEnvelope<TKey, TValue, TPassThrough>(TPassThrough PassThrough);

/// <summary>One record.</summary>
public sealed record SingleMessage<TKey, TValue, TPassThrough>(ProducerRecord<TKey, TValue> Record, TPassThrough PassThrough)
    : ProducerEnvelope<TKey, TValue, TPassThrough>(PassThrough);

/// <summary>Several records; the result is emitted once all of them are delivered.</summary>
public sealed record MultiMessage<TKey, TValue, TPassThrough>(IReadOnlyList<ProducerRecord<TKey, TValue>> Records, TPassThrough PassThrough)
    : ProducerEnvelope<TKey, TValue, TPassThrough>(PassThrough);

/// <summary>No record; only the pass-through travels on, in order (e.g. an offset to commit for a filtered-out input).</summary>
public sealed record PassThroughMessage<TKey, TValue, TPassThrough>(TPassThrough PassThrough)
    : ProducerEnvelope<TKey, TValue, TPassThrough>(PassThrough);

/// <summary>Factory methods for envelopes.</summary>
public static class ProducerMessage
{
    /// <summary>One record.</summary>
    public static ProducerEnvelope<TKey, TValue, TPassThrough> Single<TKey, TValue, TPassThrough>(ProducerRecord<TKey, TValue> record, TPassThrough passThrough) =>
        new SingleMessage<TKey, TValue, TPassThrough>(record, passThrough);

    /// <summary>Several records, one result.</summary>
    public static ProducerEnvelope<TKey, TValue, TPassThrough> Multi<TKey, TValue, TPassThrough>(IReadOnlyList<ProducerRecord<TKey, TValue>> records, TPassThrough passThrough) =>
        new MultiMessage<TKey, TValue, TPassThrough>(records, passThrough);

    /// <summary>No record, only the pass-through.</summary>
    public static ProducerEnvelope<TKey, TValue, TPassThrough> PassThrough<TKey, TValue, TPassThrough>(TPassThrough passThrough) =>
        new PassThroughMessage<TKey, TValue, TPassThrough>(passThrough);
}

/// <summary>
/// Emitted by the produce flow once every record of an envelope has its delivery report, in the
/// order envelopes came in. With <see cref="Settings.ProducerErrorMode.EmitResult"/> failed
/// deliveries are emitted too; check <see cref="IsSuccess"/>.
/// </summary>
public abstract record ProducerResult<TKey, TValue, TPassThrough>(TPassThrough PassThrough)
{
    /// <summary>Delivery reports, one per record of the envelope (none for a pass-through).</summary>
    public abstract IReadOnlyList<DeliveryReport<TKey, TValue>> Reports { get; }

    /// <summary>True when every record was written.</summary>
    public bool IsSuccess => Reports.All(r => !r.Error.IsError);

    /// <summary>The first delivery error, or null.</summary>
    public Error? Error => Reports.Select(r => r.Error).FirstOrDefault(e => e.IsError);
}

/// <summary>Result of a <see cref="SingleMessage{TKey,TValue,TPassThrough}"/>.</summary>
public sealed record SingleResult<TKey, TValue, TPassThrough>(DeliveryReport<TKey, TValue> Report, TPassThrough PassThrough)
    : ProducerResult<TKey, TValue, TPassThrough>(PassThrough)
{
    /// <inheritdoc />
    public override IReadOnlyList<DeliveryReport<TKey, TValue>> Reports => [Report];
}

/// <summary>Result of a <see cref="MultiMessage{TKey,TValue,TPassThrough}"/>.</summary>
public sealed record MultiResult<TKey, TValue, TPassThrough>(IReadOnlyList<DeliveryReport<TKey, TValue>> AllReports, TPassThrough PassThrough)
    : ProducerResult<TKey, TValue, TPassThrough>(PassThrough)
{
    /// <inheritdoc />
    public override IReadOnlyList<DeliveryReport<TKey, TValue>> Reports => AllReports;
}

/// <summary>Result of a <see cref="PassThroughMessage{TKey,TValue,TPassThrough}"/>.</summary>
public sealed record PassThroughResult<TKey, TValue, TPassThrough>(TPassThrough PassThrough)
    : ProducerResult<TKey, TValue, TPassThrough>(PassThrough)
{
    /// <inheritdoc />
    public override IReadOnlyList<DeliveryReport<TKey, TValue>> Reports => [];
}
