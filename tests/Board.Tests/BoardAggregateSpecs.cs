using ActorOrders.Contracts;
using ActorOrders.Http.Board;
using ActorOrders.Node.Board;

namespace ActorOrders.Board.Tests;

/// <summary>Summing the nodes' snapshots (in process, no cluster): what adds up, what is counted once, what is the worst of.</summary>
public sealed class BoardAggregateSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 30, 500, TimeSpan.Zero);
    private static readonly long NowSecond = Now.ToUnixTimeSeconds();
    private static readonly BoardOptions Options = new();

    private static BoardNodeSnapshot Snapshot(
        string node, string process, long placed, long completed, long rejected, int awaitingPayment, long seriesStart, BoardSecond[] series,
        BoardStep[]? steps = null, BoardConsumerLag[]? consumers = null, BoardSliceLag[]? slices = null) => new(
        $"akka.tcp://ActorOrders@10.0.0.{node}:4053", process, ["node"], Now, Now.AddMinutes(-5), placed,
        [new BoardCount("Completed", completed), new BoardCount("Rejected", rejected), new BoardCount("AttentionRequired", 1)],
        [new BoardCount("AwaitingPayment", awaitingPayment)],
        seriesStart, series, steps ?? [], consumers ?? [], slices ?? []);

    private static BoardStuck NoneStuck => new(30, [], false, null);

    [Fact]
    public void Totals_add_up_over_processes_and_a_process_shared_by_two_nodes_counts_once()
    {
        var a = Snapshot("1", "p1", 10, 7, 2, 1, NowSecond, [new BoardSecond(0, 0, 0, 0, 0)]);
        var b = Snapshot("2", "p2", 5, 4, 1, 2, NowSecond, [new BoardSecond(0, 0, 0, 0, 0)]);
        var bTwin = Snapshot("3", "p2", 5, 4, 1, 3, NowSecond, [new BoardSecond(0, 0, 0, 0, 0)]);

        var data = BoardAggregate.Combine([new(a, TimeSpan.FromMilliseconds(3)), new(b, TimeSpan.FromMilliseconds(4)), new(bTwin, TimeSpan.FromMilliseconds(5))],
            [new BoardMissingNode("akka.tcp://ActorOrders@10.0.0.9:4053", "unreachable")], NoneStuck, Now, "gateway", Options);

        data.Totals.Placed.ShouldBe(15);
        data.Totals.Completed.ShouldBe(11);
        data.Totals.Rejected.ShouldBe(3);
        data.Totals.AttentionRequired.ShouldBe(2);
        // Running orders are each node's own: they add up over nodes, not processes.
        data.Totals.InFlight.ShouldBe(6);
        data.InFlight.Single(s => s.State == "AwaitingPayment").Count.ShouldBe(6);
        data.InFlight.Select(s => s.State).ShouldBe(["AwaitingPayment", "AwaitingInventory", "AwaitingShipment", "Compensating", "AttentionRequired"]);
        data.Cluster.ShouldBe(data.Cluster with { Nodes = 4, Answered = 3 });
        data.Cluster.Missing.Single().Reason.ShouldBe("unreachable");
        data.Nodes.Select(n => n.InFlight).ShouldBe([1L, 2L, 3L]);
        data.ServedBy.ShouldBe("gateway");
    }

    [Fact]
    public void Seconds_are_summed_by_their_unix_second_and_the_rate_leaves_out_the_current_one()
    {
        // Node 1's series ends now; node 2's, taken a second earlier, is shifted by one.
        var ones = Enumerable.Repeat(new BoardSecond(2, 1, 1, 0, 0), 60).ToArray();
        var a = Snapshot("1", "p1", 0, 0, 0, 0, NowSecond - 59, ones);
        var b = Snapshot("2", "p2", 0, 0, 0, 0, NowSecond - 60, [.. ones[..59], new BoardSecond(100, 0, 0, 0, 0)]);

        var t = BoardAggregate.Throughput([a, b], Now, 60);

        t.Start.ShouldBe(NowSecond - 59);
        t.Seconds.Count.ShouldBe(60);
        t.Seconds[^1].T.ShouldBe(NowSecond);
        t.Seconds[^1].Placed.ShouldBe(2, "node 2 has nothing for the current second");
        t.Seconds[^2].Placed.ShouldBe(102);
        t.Seconds[0].Placed.ShouldBe(4);
        t.RateSeconds.ShouldBe(BoardAggregate.RateSeconds);
        // The ten complete seconds before now: nine of 4 placed and one of 102.
        t.Rate.Placed.ShouldBe(Math.Round((9 * 4 + 102) / 10.0, 2));
        t.Rate.Completed.ShouldBe(Math.Round((9 * 2 + 1) / 10.0, 2));
    }

    [Fact]
    public void Step_histograms_are_summed_before_the_quantiles_are_taken()
    {
        double[] bounds = [0.01, 0.1, 1];
        var fast = new BoardStep("AuthorizePayment", bounds, [90, 0, 0, 0], 90, 0.45, 0, 0.009);
        var slow = new BoardStep("AuthorizePayment", bounds, [0, 0, 10, 0], 10, 5, 10, 0.8);
        var a = Snapshot("1", "p1", 0, 0, 0, 0, NowSecond, [], steps: [fast]);
        var b = Snapshot("2", "p2", 0, 0, 0, 0, NowSecond, [], steps: [slow]);

        var step = BoardAggregate.Steps([a, b]).Single();

        step.Count.ShouldBe(100);
        step.Failed.ShouldBe(10);
        step.MaxMs.ShouldBe(800);
        step.MeanMs.ShouldBe(54.5);
        step.P50Ms.ShouldBeLessThanOrEqualTo(10, "half the steps took at most 10 ms");
        step.P95Ms.ShouldBeInRange(100, 800, "the slow tenth is between 100 ms and the longest, 800 ms");
        step.P99Ms.ShouldBeLessThanOrEqualTo(800);
    }

    [Fact]
    public void A_quantile_interpolates_inside_its_bucket_and_never_exceeds_the_largest_value()
    {
        BoardAggregate.Quantile([1, 2], [0, 10, 0], 2, 0.5).ShouldBe(1.5);
        BoardAggregate.Quantile([1, 2], [0, 0, 4], 7, 0.99).ShouldBeLessThanOrEqualTo(7);
        BoardAggregate.Quantile([1, 2], [0, 0, 0], 0, 0.99).ShouldBe(0);
    }

    [Fact]
    public void Kafka_partitions_add_up_and_a_slice_shows_its_worst_lag_and_the_node_running_it()
    {
        var a = Snapshot("1", "p1", 0, 0, 0, 0, NowSecond, [],
            consumers: [new BoardConsumerLag("ingest", "g", "orders.commands", 0, 5)],
            slices: [new BoardSliceLag("orders-read-model", 0, Running: false, 4, 1.5, null)]);
        var b = Snapshot("2", "p2", 0, 0, 0, 0, NowSecond, [],
            consumers: [new BoardConsumerLag("ingest", "g", "orders.commands", 1, 7)],
            slices: [new BoardSliceLag("orders-read-model", 0, Running: true, 2, 0.5, "boom")]);

        var data = BoardAggregate.Combine([new(a, TimeSpan.Zero), new(b, TimeSpan.Zero)], [], NoneStuck, Now, "node", Options);

        data.Kafka.TotalLag.ShouldBe(12);
        data.Kafka.Partitions.Select(p => (p.Partition, p.Lag, p.Node)).ShouldBe([(0, 5L, a.Node), (1, 7L, b.Node)]);
        var slice = data.Projections.Slices.Single();
        slice.ShouldBe(new BoardSlice("orders-read-model", 0, b.Node, 4, 1.5, "boom"));
        data.Projections.MaxLagSeconds.ShouldBe(1.5);
    }

    [Fact]
    public void The_recorder_keeps_totals_seconds_and_the_last_minute_of_steps()
    {
        var clock = new ManualClock(Now);
        using var recorder = new BoardRecorder(clock, listen: false);
        recorder.Record("placed", 1, []);
        recorder.Record("placed", 1, []);
        recorder.Record("finished", 1, [new("outcome", "Completed")]);
        recorder.Record("step.duration", 0.02, [new("action", "AuthorizePayment"), new("result", "Succeeded")]);
        clock.Advance(TimeSpan.FromSeconds(1));
        recorder.Record("placed", 1, []);
        recorder.Record("finished", 1, [new("outcome", "Rejected")]);
        recorder.Record("attention.required", 1, []);
        recorder.Record("step.duration", 2, [new("action", "AuthorizePayment"), new("result", "Exhausted")]);

        var (placed, finished, start, series, steps) = recorder.Read(3);
        placed.ShouldBe(3);
        finished.Select(f => (f.Name, f.Count)).ShouldBe([("AttentionRequired", 1L), ("Completed", 1L), ("Rejected", 1L)]);
        start.ShouldBe(NowSecond - 1);
        series.ShouldBe([new BoardSecond(0, 0, 0, 0, 0), new BoardSecond(2, 1, 0, 0, 0), new BoardSecond(1, 0, 1, 0, 1)]);
        var step = steps.Single();
        (step.Action, step.Count, step.Failed, step.Max).ShouldBe(("AuthorizePayment", 2L, 1L, 2.0));
        step.Buckets.Sum().ShouldBe(2);

        // A minute later the steps have left the window; the totals stay.
        clock.Advance(TimeSpan.FromSeconds(BoardRecorder.StepWindowSeconds));
        var later = recorder.Read(3);
        later.Steps.ShouldBeEmpty();
        later.Placed.ShouldBe(3);
        later.Series.ShouldAllBe(s => s.Placed == 0);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
