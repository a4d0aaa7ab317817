namespace ActorOrders.Http.Board;

/// <summary>
/// <c>GET /board/data</c>: the cluster's figures as the board shows them, summed from every node's
/// <see cref="Contracts.BoardNodeSnapshot"/> (docs/observability.md documents the shape).
/// </summary>
/// <param name="At">When it was put together.</param>
/// <param name="ServedBy">The process that served it: node or gateway.</param>
/// <param name="RefreshSeconds">How often the page asks again.</param>
public sealed record BoardData(
    DateTimeOffset At,
    string ServedBy,
    int RefreshSeconds,
    BoardClusterInfo Cluster,
    BoardTotals Totals,
    BoardThroughput Throughput,
    IReadOnlyList<BoardStateCount> InFlight,
    IReadOnlyList<BoardStepLatency> Steps,
    BoardStuck Stuck,
    BoardKafka Kafka,
    BoardProjections Projections,
    IReadOnlyList<BoardNode> Nodes);

/// <summary>The nodes asked and those that did not answer (their figures are missing from the sums).</summary>
public sealed record BoardClusterInfo(int Nodes, int Answered, IReadOnlyList<BoardMissingNode> Missing);

/// <summary>A node that was asked and did not answer, and why.</summary>
public sealed record BoardMissingNode(string Node, string Reason);

/// <summary>Totals since each process started (<paramref name="Since"/>: the earliest start), and the running orders now.</summary>
public sealed record BoardTotals(long Placed, long Completed, long Rejected, long Cancelled, long AttentionRequired, long InFlight, DateTimeOffset? Since);

/// <summary>
/// Orders per second: <paramref name="Seconds"/> from unix second <paramref name="Start"/> on (the last one is the
/// current, incomplete second), and <paramref name="Rate"/>, the average per second over the last
/// <paramref name="RateSeconds"/> complete seconds.
/// </summary>
public sealed record BoardThroughput(long Start, IReadOnlyList<BoardSecondRow> Seconds, int RateSeconds, BoardRate Rate);

/// <summary>One second of the cluster: placed, finished by outcome, AttentionRequired entries.</summary>
public sealed record BoardSecondRow(long T, long Placed, long Completed, long Rejected, long Cancelled, long Attention);

/// <summary>Per-second averages.</summary>
public sealed record BoardRate(double Placed, double Completed, double Rejected, double Cancelled, double Attention);

/// <summary>Running, unfinished orders of one status, summed over the nodes.</summary>
public sealed record BoardStateCount(string State, long Count);

/// <summary>The steps of one action that ended in the last minute, cluster-wide; quantiles estimated from the nodes' summed histograms.</summary>
public sealed record BoardStepLatency(string Action, long Count, long Failed, double MeanMs, double P50Ms, double P95Ms, double P99Ms, double MaxMs);

/// <summary>
/// Orders that need a look: every AttentionRequired order, and running ones unchanged for more than
/// <paramref name="AfterSeconds"/>, oldest first. <paramref name="More"/>: the listing had more than shown.
/// <paramref name="Error"/>: the read model could not be asked (the list is then empty).
/// </summary>
public sealed record BoardStuck(double AfterSeconds, IReadOnlyList<BoardStuckOrder> Items, bool More, string? Error);

/// <summary>One stuck order, with the links to its stored history: <paramref name="Events"/> (the order API) and <paramref name="Page"/> (the board's order page).</summary>
public sealed record BoardStuckOrder(
    string OrderId, string Status, string CustomerId, DateTimeOffset UpdatedAt, double AgeSeconds, string? Step, int Attempts, string? Reason, string Events, string Page);

/// <summary>Consumer lag, per consumer, topic and partition (each partition is assigned to one node), and its total.</summary>
public sealed record BoardKafka(long TotalLag, IReadOnlyList<BoardPartitionLag> Partitions);

/// <summary>One partition's lag and the node whose consumer holds it.</summary>
public sealed record BoardPartitionLag(string Consumer, string Group, string Topic, int Partition, long Lag, string Node);

/// <summary>Projection slices: lag as the worst of the nodes measured it, and the node running each.</summary>
public sealed record BoardProjections(long TotalLagEvents, double MaxLagSeconds, IReadOnlyList<BoardSlice> Slices);

/// <summary>One projection slice; <paramref name="RunningOn"/> null when no node runs its worker.</summary>
public sealed record BoardSlice(string Projection, int Slice, string? RunningOn, long LagEvents, double LagSeconds, string? LastError);

/// <summary>One node's own figures.</summary>
public sealed record BoardNode(
    string Node, IReadOnlyList<string> Roles, string Process, DateTimeOffset StartedAt, long Placed, long Finished, long InFlight,
    double PlacedPerSecond, long ConsumerLag, int SlicesRunning, double AnsweredInMs);
