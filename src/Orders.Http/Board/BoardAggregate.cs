using ActorOrders.Contracts;

namespace ActorOrders.Http.Board;

/// <summary>One node's answer and how long it took.</summary>
public sealed record BoardAnswer(BoardNodeSnapshot Snapshot, TimeSpan Took);

/// <summary>
/// Sums the nodes' snapshots into <see cref="BoardData"/>. The order meter counts per process, so its figures
/// (totals, seconds, steps) are taken once per <see cref="BoardNodeSnapshot.Process"/>; running orders and Kafka
/// lag are each node's own and add up; projection lag is measured by every node, so the worst measurement of a
/// slice is shown.
/// </summary>
public static class BoardAggregate
{
    /// <summary>The complete seconds <see cref="BoardThroughput.Rate"/> averages over.</summary>
    public const int RateSeconds = 10;

    /// <summary>The unfinished statuses, always listed (0 included) so the panel keeps its shape.</summary>
    public static readonly IReadOnlyList<OrderStatus> Unfinished =
        [OrderStatus.AwaitingPayment, OrderStatus.AwaitingInventory, OrderStatus.AwaitingShipment, OrderStatus.Compensating, OrderStatus.AttentionRequired];

    public static BoardData Combine(
        IReadOnlyList<BoardAnswer> answers, IReadOnlyList<BoardMissingNode> missing, BoardStuck stuck, DateTimeOffset now, string servedBy, BoardOptions options)
    {
        var processes = answers.Select(a => a.Snapshot).GroupBy(s => s.Process, StringComparer.Ordinal).Select(g => g.First()).ToList();

        long Finished(BoardNodeSnapshot s, string outcome) => s.Finished.Where(f => f.Name == outcome).Sum(f => f.Count);
        var inFlight = Unfinished.ToDictionary(s => s.ToString(), _ => 0L, StringComparer.Ordinal);
        foreach (var count in answers.SelectMany(a => a.Snapshot.InFlight)) inFlight[count.Name] = inFlight.GetValueOrDefault(count.Name) + count.Count;

        var totals = new BoardTotals(
            processes.Sum(p => p.Placed),
            processes.Sum(p => Finished(p, nameof(OrderStatus.Completed))),
            processes.Sum(p => Finished(p, nameof(OrderStatus.Rejected))),
            processes.Sum(p => Finished(p, nameof(OrderStatus.Cancelled))),
            processes.Sum(p => Finished(p, nameof(OrderStatus.AttentionRequired))),
            inFlight.Values.Sum(),
            processes.Count > 0 ? processes.Min(p => p.StartedAt) : null);

        return new BoardData(
            now,
            servedBy,
            Math.Max(1, (int)Math.Round(options.Refresh.TotalSeconds)),
            new BoardClusterInfo(answers.Count + missing.Count, answers.Count, missing),
            totals,
            Throughput(processes, now, options.Seconds),
            [.. inFlight.Select(s => new BoardStateCount(s.Key, s.Value))],
            Steps(processes),
            stuck,
            Kafka(answers),
            Projections(answers),
            [.. answers.OrderBy(a => a.Snapshot.Node, StringComparer.Ordinal).Select(Node)]);
    }

    /// <summary>The seconds of every process summed by unix second; the window ends at the current second.</summary>
    public static BoardThroughput Throughput(IReadOnlyList<BoardNodeSnapshot> processes, DateTimeOffset now, int seconds)
    {
        var end = now.ToUnixTimeMilliseconds() / 1000;
        var start = end - seconds + 1;
        var rows = new long[seconds, 5];
        foreach (var p in processes)
        {
            for (var i = 0; i < p.Series.Count; i++)
            {
                var t = p.SeriesStart + i - start;
                if (t < 0 || t >= seconds) continue;
                var s = p.Series[i];
                rows[t, 0] += s.Placed;
                rows[t, 1] += s.Completed;
                rows[t, 2] += s.Rejected;
                rows[t, 3] += s.Cancelled;
                rows[t, 4] += s.Attention;
            }
        }

        var list = Enumerable.Range(0, seconds).Select(i => new BoardSecondRow(start + i, rows[i, 0], rows[i, 1], rows[i, 2], rows[i, 3], rows[i, 4])).ToList();
        // The current second is incomplete: the rate is over the complete seconds before it.
        var complete = list.Take(seconds - 1).TakeLast(RateSeconds).ToList();
        double Avg(Func<BoardSecondRow, long> f) => complete.Count == 0 ? 0 : Math.Round(complete.Sum(f) / (double)complete.Count, 2);
        return new BoardThroughput(start, list, complete.Count,
            new BoardRate(Avg(r => r.Placed), Avg(r => r.Completed), Avg(r => r.Rejected), Avg(r => r.Cancelled), Avg(r => r.Attention)));
    }

    /// <summary>The steps' histograms summed by action (bounds are the same everywhere; a node with others is summed by its own bounds' quantiles).</summary>
    public static IReadOnlyList<BoardStepLatency> Steps(IReadOnlyList<BoardNodeSnapshot> processes) =>
        [.. processes.SelectMany(p => p.Steps).GroupBy(s => s.Action, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var bounds = g.First().Bounds;
            var buckets = new long[bounds.Count + 1];
            long count = 0, failed = 0;
            double sum = 0, max = 0;
            foreach (var s in g)
            {
                if (s.Bounds.SequenceEqual(bounds))
                {
                    for (var i = 0; i < buckets.Length && i < s.Buckets.Count; i++) buckets[i] += s.Buckets[i];
                }
                else
                {
                    // Another version's bounds: each of its steps is placed at its bucket's upper bound.
                    for (var i = 0; i < s.Buckets.Count; i++) buckets[Bucket(bounds, i < s.Bounds.Count ? s.Bounds[i] : s.Max)] += s.Buckets[i];
                }

                count += s.Count;
                failed += s.Failed;
                sum += s.Sum;
                max = Math.Max(max, s.Max);
            }

            return new BoardStepLatency(g.Key, count, failed, Ms(count == 0 ? 0 : sum / count),
                Ms(Quantile(bounds, buckets, max, 0.50)), Ms(Quantile(bounds, buckets, max, 0.95)), Ms(Quantile(bounds, buckets, max, 0.99)), Ms(max));
        })];

    /// <summary>
    /// The <paramref name="q"/> quantile of a histogram, interpolated linearly inside its bucket (as Prometheus'
    /// histogram_quantile does); never above the largest value seen.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> bounds, IReadOnlyList<long> buckets, double max, double q)
    {
        var total = buckets.Sum();
        if (total == 0) return 0;
        var rank = q * total;
        long seen = 0;
        for (var i = 0; i < buckets.Count; i++)
        {
            if (buckets[i] == 0 || seen + buckets[i] < rank)
            {
                seen += buckets[i];
                continue;
            }

            var lower = i == 0 ? 0 : bounds[i - 1];
            var upper = i < bounds.Count ? Math.Min(bounds[i], Math.Max(max, lower)) : Math.Max(max, lower);
            return lower + (upper - lower) * ((rank - seen) / buckets[i]);
        }

        return max;
    }

    private static int Bucket(IReadOnlyList<double> bounds, double value)
    {
        var i = 0;
        while (i < bounds.Count && value > bounds[i]) i++;
        return i;
    }

    private static double Ms(double seconds) => Math.Round(seconds * 1000, 2);

    private static BoardKafka Kafka(IReadOnlyList<BoardAnswer> answers)
    {
        var partitions = answers
            .SelectMany(a => a.Snapshot.Consumers.Select(c => new BoardPartitionLag(c.Consumer, c.Group, c.Topic, c.Partition, c.Lag, a.Snapshot.Node)))
            .OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Consumer, StringComparer.Ordinal).ThenBy(p => p.Partition)
            .ToList();
        return new BoardKafka(partitions.Sum(p => p.Lag), partitions);
    }

    private static BoardProjections Projections(IReadOnlyList<BoardAnswer> answers)
    {
        var slices = answers
            .SelectMany(a => a.Snapshot.Slices.Select(s => (a.Snapshot.Node, Slice: s)))
            .GroupBy(x => (x.Slice.Projection, x.Slice.Slice))
            .OrderBy(g => g.Key.Projection, StringComparer.Ordinal).ThenBy(g => g.Key.Slice)
            .Select(g => new BoardSlice(
                g.Key.Projection,
                g.Key.Slice,
                g.Where(x => x.Slice.Running).Select(x => x.Node).Order(StringComparer.Ordinal).FirstOrDefault(),
                g.Max(x => x.Slice.LagEvents),
                g.Max(x => x.Slice.LagSeconds),
                g.Select(x => x.Slice.LastError).FirstOrDefault(e => e is not null)))
            .ToList();
        return new BoardProjections(slices.Sum(s => s.LagEvents), slices.Count == 0 ? 0 : slices.Max(s => s.LagSeconds), slices);
    }

    private static BoardNode Node(BoardAnswer a)
    {
        var s = a.Snapshot;
        var complete = s.Series.Take(Math.Max(0, s.Series.Count - 1)).TakeLast(RateSeconds).ToList();
        return new BoardNode(
            s.Node, s.Roles, s.Process, s.StartedAt, s.Placed,
            s.Finished.Where(f => f.Name != nameof(OrderStatus.AttentionRequired)).Sum(f => f.Count),
            s.InFlight.Sum(f => f.Count),
            complete.Count == 0 ? 0 : Math.Round(complete.Sum(c => c.Placed) / (double)complete.Count, 2),
            s.Consumers.Sum(c => c.Lag),
            s.Slices.Count(x => x.Running),
            Math.Round(a.Took.TotalMilliseconds, 1));
    }
}
