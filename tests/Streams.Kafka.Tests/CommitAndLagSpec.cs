using ActorOrders.Streams.Kafka.Embedded;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class CommitAndLagSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    private static readonly CommitterSettings Batches = CommitterSettings.Default.WithMaxBatch(10).WithMaxInterval(TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task Lag_per_partition_is_the_high_watermark_minus_the_committed_offset()
    {
        var topic = NewTopic();
        var group = NewGroup();
        Produce(topic, 0, 100); // 25 per partition
        var (control, done) = KafkaConsumer.CommittableSource(ConsumerSettings(group), Subscription.Topics(topic))
            .Where(m => m.Record.Partition.Value != 3) // partition 3 is read but never committed
            .Take(60)
            .Select(m => (ICommittable)m.Offset)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done.WaitAsync(Deadline);

        var lag = await control.GetLagAsync().WaitAsync(Deadline);
        await control.Shutdown().WaitAsync(Deadline);

        lag.Count.ShouldBe(4);
        lag.ShouldAllBe(l => l.HighWatermark == 25);
        lag.Where(l => l.Partition.Partition != 3).Sum(l => l.Lag).ShouldBe(75 - 60);
        lag.Single(l => l.Partition.Partition == 3).ShouldSatisfyAllConditions(
            l => l.Committed.ShouldBeNull(),
            l => l.Lag.ShouldBe(25));
        var committed = Committed(group, topic, 4);
        foreach (var l in lag.Where(l => l.Committed is not null))
            l.Lag.ShouldBe(25 - committed[l.Partition.Partition.Value]);
    }

    [Fact]
    public async Task Retryable_commit_errors_are_retried_and_the_offsets_land()
    {
        var topic = NewTopic();
        var group = NewGroup();
        Produce(topic, 0, 40);
        Cluster.PushRequestErrors(ApiKey.OffsetCommit,
            BrokerError.RebalanceInProgress, BrokerError.RebalanceInProgress, BrokerError.CoordinatorNotAvailable, BrokerError.RebalanceInProgress);

        // Manual assignment: with a subscription, REBALANCE_IN_PROGRESS makes librdkafka rejoin the
        // group, and offsets of partitions revoked meanwhile are dropped by design (at-least-once).
        var partitions = Enumerable.Range(0, 4).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)).ToArray();
        var (control, done) = KafkaConsumer.CommittableSource(
                ConsumerSettings(group).WithCommitRetries(10, TimeSpan.FromMilliseconds(50)), Subscription.Assignment(partitions))
            .Take(40)
            .Select(m => (ICommittable)m.Offset)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done.WaitAsync(Deadline);
        await control.Shutdown().WaitAsync(Deadline);

        Committed(group, topic, 4).Values.ShouldAllBe(o => o == 10);
    }

    [Fact]
    public async Task Without_retries_the_same_commit_error_fails_the_committer()
    {
        var topic = NewTopic();
        Produce(topic, 0, 8);
        // librdkafka itself retries timeouts and coordinator moves, but hands this one to the application.
        Cluster.PushRequestErrors(ApiKey.OffsetCommit, BrokerError.RebalanceInProgress);

        var (control, done) = KafkaConsumer.CommittableSource(
                ConsumerSettings(NewGroup()).WithCommitRetries(0, TimeSpan.FromMilliseconds(50)), Subscription.Topics(topic))
            .Take(8)
            .Select(m => (ICommittable)m.Offset)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);

        await Should.ThrowAsync<KafkaException>(done.WaitAsync(Deadline));
        await control.Shutdown().WaitAsync(Deadline);
    }

    [Fact]
    public async Task Shutdown_completes_even_with_every_broker_down()
    {
        var topic = NewTopic();
        Produce(topic, 0, 20);
        var (control, done) = KafkaConsumer.CommittableSource(
                ConsumerSettings(NewGroup()).WithCloseTimeout(TimeSpan.FromSeconds(3)), Subscription.Topics(topic))
            .Take(20)
            .Select(m => (ICommittable)m.Offset)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done.WaitAsync(Deadline);

        Cluster.AllBrokersDown();
        var shutdown = control.Shutdown();
        await shutdown.WaitAsync(TimeSpan.FromSeconds(20));
        Cluster.AllBrokersUp();

        shutdown.IsCompletedSuccessfully.ShouldBeTrue();
    }
}
