using System.Diagnostics;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class BackPressureSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    [Fact]
    public async Task A_stalled_downstream_keeps_the_buffer_capped_and_the_consumer_in_its_group_and_throughput_recovers()
    {
        const int cap = 40;
        const int total = 2000;
        var topic = NewTopic();
        Produce(topic, 0, total);
        var revocations = 0;
        var assignments = 0;
        var settings = ConsumerSettings(NewGroup())
            .WithMaxBufferedRecords(cap)
            .WithRebalanceCallbacks(_ => Interlocked.Increment(ref assignments), _ => Interlocked.Increment(ref revocations));

        var (control, queue) = KafkaConsumer.PlainSource(settings, Subscription.Topics(topic))
            .ToMaterialized(Sink.Queue<ConsumeResult<string, string>>(), Keep.Both)
            .Run(Materializer);
        var received = new List<ConsumeResult<string, string>>();
        for (var i = 0; i < 10; i++)
            received.Add((await queue.PullAsync().WaitAsync(Deadline)).Value);

        // Stall: nobody pulls for longer than max.poll.interval.ms (2.5 s). The property under
        // test is about time passing, so waiting on the clock is the point here.
        var polls = control.Metrics.Polls;
        var stalled = Stopwatch.StartNew();
        await Eventually(() => stalled.Elapsed > TimeSpan.FromSeconds(4));
        control.Metrics.BufferedRecords.ShouldBe(cap, "the source filled its buffer and then paused");
        control.Metrics.PausedPartitions.ShouldBe(4);
        control.Metrics.Polls.ShouldBeGreaterThan(polls + 10, "it kept polling while paused");

        // Speed up: drain everything as fast as possible.
        var fast = Stopwatch.StartNew();
        while (received.Count < total)
            received.Add((await queue.PullAsync().WaitAsync(Deadline)).Value);
        fast.Stop();
        var (revokedWhileRunning, assignedWhileRunning) = (Volatile.Read(ref revocations), Volatile.Read(ref assignments));
        await control.Shutdown().WaitAsync(Deadline);

        control.Metrics.PeakBufferedRecords.ShouldBeLessThanOrEqualTo(cap);
        revokedWhileRunning.ShouldBe(0, "a paused consumer that keeps polling is not evicted");
        assignedWhileRunning.ShouldBe(1);
        received.Select(r => int.Parse(r.Message.Value)).Order().ShouldBe(Enumerable.Range(0, total));
        var rate = (total - 10) / fast.Elapsed.TotalSeconds;
        Output!.WriteLine($"recovered throughput: {rate:F0} records/s");
        rate.ShouldBeGreaterThan(500);
    }
}
