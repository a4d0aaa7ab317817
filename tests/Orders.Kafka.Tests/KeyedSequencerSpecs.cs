using ActorOrders.Orders.Kafka.Ingest;

namespace ActorOrders.Orders.Kafka.Tests;

public sealed class KeyedSequencerSpecs
{
    [Fact]
    public async Task Work_of_one_key_runs_in_order_and_never_overlaps()
    {
        var sequencer = new KeyedSequencer();
        var log = new List<int>();
        var running = 0;
        var overlapped = false;
        var gate = new TaskCompletionSource();

        var tasks = Enumerable.Range(0, 20).Select(i => sequencer.Run("k", async () =>
        {
            if (Interlocked.Increment(ref running) > 1) overlapped = true;
            if (i == 0) await gate.Task;
            lock (log) log.Add(i);
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();
        gate.SetResult();
        await Task.WhenAll(tasks);

        overlapped.ShouldBeFalse();
        log.ShouldBe(Enumerable.Range(0, 20));
        sequencer.Busy.ShouldBe(0);
    }

    [Fact]
    public async Task Other_keys_do_not_wait_for_a_stuck_one()
    {
        var sequencer = new KeyedSequencer();
        var stuck = new TaskCompletionSource<int>();
        var first = sequencer.Run("stuck", () => stuck.Task);

        (await sequencer.Run("other", () => Task.FromResult(7)).WaitAsync(TimeSpan.FromSeconds(5))).ShouldBe(7);
        first.IsCompleted.ShouldBeFalse();
        stuck.SetResult(1);
        (await first).ShouldBe(1);
    }

    [Fact]
    public async Task A_failure_does_not_stop_the_work_behind_it()
    {
        var sequencer = new KeyedSequencer();
        var failing = sequencer.Run<int>("k", () => throw new InvalidOperationException("boom"));
        var next = sequencer.Run("k", () => Task.FromResult(2));

        await Should.ThrowAsync<InvalidOperationException>(failing);
        (await next).ShouldBe(2);
    }
}
