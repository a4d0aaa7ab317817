using ActorOrders.Streams.Kafka.Settings;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Kafka sources. Each materialization owns one consumer polled by one dedicated thread, and
/// materializes an <see cref="IConsumerControl"/>. Settings are validated here, so a missing
/// group id or a conflicting property fails when the source is built, naming the key.
/// </summary>
public static class KafkaConsumer
{
    /// <summary>Records without offset handling (no group id needed with a manual assignment).</summary>
    public static Source<ConsumeResult<TKey, TValue>, IConsumerControl> PlainSource<TKey, TValue>(
        ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        settings.Validate(committable: false, subscription.Subscribes);
        return Source.FromGraph(new KafkaSourceStage<TKey, TValue, ConsumeResult<TKey, TValue>>(
            settings, subscription, (record, _) => record, "KafkaPlainSource"));
    }

    /// <summary>Records paired with the offset to commit after processing (at-least-once).</summary>
    public static Source<CommittableMessage<TKey, TValue>, IConsumerControl> CommittableSource<TKey, TValue>(
        ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        settings.Validate(committable: true, subscription.Subscribes);
        var groupId = settings.GroupId!;
        return Source.FromGraph(new KafkaSourceStage<TKey, TValue, CommittableMessage<TKey, TValue>>(
            settings, subscription, (record, committer) => ToCommittable(record, committer, groupId), "KafkaCommittableSource"));
    }

    /// <summary>
    /// One committable sub-source per assigned partition: per-partition order, parallelism across
    /// partitions. A revoked partition's sub-source completes.
    /// </summary>
    public static Source<(TopicPartition Partition, Source<CommittableMessage<TKey, TValue>, NotUsed> Records), IConsumerControl>
        CommittablePartitionedSource<TKey, TValue>(ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        settings.Validate(committable: true, subscription.Subscribes);
        var groupId = settings.GroupId!;
        return Source.FromGraph(new KafkaPartitionedSourceStage<TKey, TValue, CommittableMessage<TKey, TValue>>(
            settings, subscription, (record, committer) => ToCommittable(record, committer, groupId), "KafkaCommittablePartitionedSource"));
    }

    /// <summary>One plain sub-source per assigned partition.</summary>
    public static Source<(TopicPartition Partition, Source<ConsumeResult<TKey, TValue>, NotUsed> Records), IConsumerControl>
        PlainPartitionedSource<TKey, TValue>(ConsumerSettings<TKey, TValue> settings, Subscription subscription)
    {
        settings.Validate(committable: false, subscription.Subscribes);
        return Source.FromGraph(new KafkaPartitionedSourceStage<TKey, TValue, ConsumeResult<TKey, TValue>>(
            settings, subscription, (record, _) => record, "KafkaPlainPartitionedSource"));
    }

    private static CommittableMessage<TKey, TValue> ToCommittable<TKey, TValue>(ConsumeResult<TKey, TValue> record, ICommitter committer, string groupId) =>
        new(record, new CommittableOffset(committer, groupId, record.TopicPartitionOffset));
}
