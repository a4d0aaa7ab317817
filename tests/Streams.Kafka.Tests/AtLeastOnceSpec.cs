using System.Collections.Concurrent;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka.Streams;
using Akka.Streams.Dsl;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class AtLeastOnceSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    private static readonly CommitterSettings Batches = CommitterSettings.Default.WithMaxBatch(10).WithMaxInterval(TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task A_crash_before_commit_redelivers_everything_uncommitted_and_skips_nothing()
    {
        var topic = NewTopic();
        var group = NewGroup();
        Produce(topic, 0, 400);
        var firstRun = new ConcurrentBag<int>();

        // Commit the first 100 processed, then keep processing without committing, then "crash":
        // the stream is aborted and the consumer closed with those 100+ offsets uncommitted.
        var ((control, kill), done) = KafkaConsumer.CommittableSource(ConsumerSettings(group), Subscription.Topics(topic))
            .Select(m =>
            {
                firstRun.Add(int.Parse(m.Record.Message.Value));
                return m;
            })
            .Take(100)
            .Select(m => (ICommittable)m.Offset)
            .ViaMaterialized(KillSwitches.Single<ICommittable>(), Keep.Both)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done.WaitAsync(Deadline);
        kill.Shutdown();
        var committedBeforeCrash = Committed(group, topic, 4);
        await control.Shutdown().WaitAsync(Deadline);
        committedBeforeCrash.Values.Where(o => o >= 0).Sum().ShouldBe(100);

        // Restart: the new consumer starts at the committed offsets and reads the rest.
        var secondRun = new ConcurrentBag<int>();
        var (control2, done2) = KafkaConsumer.CommittableSource(ConsumerSettings(group), Subscription.Topics(topic))
            .Select(m =>
            {
                secondRun.Add(int.Parse(m.Record.Message.Value));
                return (ICommittable)m.Offset;
            })
            .Take(300)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done2.WaitAsync(Deadline);
        await control2.Shutdown().WaitAsync(Deadline);

        firstRun.Concat(secondRun).Distinct().Order().ShouldBe(Enumerable.Range(0, 400));
        secondRun.Intersect(firstRun.Take(100)).Count().ShouldBeLessThanOrEqualTo(firstRun.Count - 100);
    }

    [Fact]
    public async Task Drain_and_shutdown_commits_exactly_what_was_processed_and_the_next_consumer_sees_no_duplicate()
    {
        var topic = NewTopic();
        var group = NewGroup();
        Produce(topic, 0, 300);
        var processed = new ConcurrentDictionary<int, long>();
        var seen = new ConcurrentBag<int>();
        using var gate = new SemaphoreSlim(0);

        // The processing stage waits for permits from the test, so records are still in flight
        // (in SelectAsync and in stream buffers) when the drain starts; they must be committed too.
        var (control, done) = KafkaConsumer.CommittableSource(ConsumerSettings(group).WithMaxBufferedRecords(50), Subscription.Topics(topic))
            .SelectAsync(4, async m =>
            {
                await gate.WaitAsync();
                processed.AddOrUpdate(m.Record.Partition.Value, m.Record.Offset.Value, (_, o) => Math.Max(o, m.Record.Offset.Value));
                seen.Add(int.Parse(m.Record.Message.Value));
                return (ICommittable)m.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default.WithMaxBatch(1000).WithMaxInterval(TimeSpan.FromSeconds(30))), Keep.Both)
            .Run(Materializer);

        gate.Release(80);
        await Eventually(() => seen.Count == 80);
        var drained = control.DrainAndShutdown(done);
        gate.Release(1000);
        await drained.WaitAsync(Deadline);

        seen.Count.ShouldBeLessThan(300, "the drain must have stopped the source early for this test to mean anything");
        var committed = Committed(group, topic, 4);
        foreach (var (partition, offset) in processed)
            committed[partition].ShouldBe(offset + 1, $"partition {partition}");
        committed.Where(kv => !processed.ContainsKey(kv.Key)).ShouldAllBe(kv => kv.Value < 0);

        // The next consumer of the group starts right after what was processed: no duplicates.
        var next = new ConcurrentBag<int>();
        var remaining = 300 - seen.Count;
        var (control2, done2) = KafkaConsumer.CommittableSource(ConsumerSettings(group), Subscription.Topics(topic))
            .Select(m =>
            {
                next.Add(int.Parse(m.Record.Message.Value));
                return (ICommittable)m.Offset;
            })
            .Take(remaining)
            .ToMaterialized(Committer.Sink(Batches), Keep.Both)
            .Run(Materializer);
        await done2.WaitAsync(Deadline);
        await control2.Shutdown().WaitAsync(Deadline);
        next.Intersect(seen).ShouldBeEmpty();
        seen.Concat(next).Order().ShouldBe(Enumerable.Range(0, 300));
    }
}
