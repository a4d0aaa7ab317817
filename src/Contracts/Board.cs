namespace ActorOrders.Contracts;

/// <summary>
/// The live saga board (<c>GET /board</c> on a node or a gateway): whoever serves it asks every member of role
/// <see cref="Role"/> for its <see cref="BoardNodeSnapshot"/> at <see cref="Path"/> and sums them, so the board
/// shows the cluster's figures wherever it is served. A snapshot is this node's (or, for the order meter's
/// counters, this process's) own figures only; nothing in it is cluster-wide already.
/// </summary>
public static class OrderBoard
{
    /// <summary>The path of the board actor under the actor system of every node.</summary>
    public const string Path = "/user/order-board";

    /// <summary>The cluster role of the members that answer.</summary>
    public const string Role = "node";

    /// <summary>Seconds of per-second history a snapshot carries at most.</summary>
    public const int MaxSeriesSeconds = 120;
}

/// <summary>Ask a node for its board figures, with the last <paramref name="SeriesSeconds"/> seconds of history (capped at <see cref="OrderBoard.MaxSeriesSeconds"/>). Answered with <see cref="BoardNodeSnapshot"/>.</summary>
public sealed record GetBoardSnapshot(int SeriesSeconds) : IOrderContract;

/// <summary>
/// One node's board figures at <paramref name="At"/>.
/// </summary>
/// <param name="Node">The node's cluster address (akka.tcp://System@host:port).</param>
/// <param name="Process">
/// An id of the node's process. The order meter (placed, finished, steps) counts per process: two nodes sharing a
/// process (tests) report the same counts under the same id, and are counted once.
/// </param>
/// <param name="Roles">The node's cluster roles.</param>
/// <param name="At">When the snapshot was taken.</param>
/// <param name="StartedAt">When the process started counting (the counters are since then).</param>
/// <param name="Placed">Orders placed since <paramref name="StartedAt"/>.</param>
/// <param name="Finished">Orders that reached a final status since <paramref name="StartedAt"/>, by outcome (Completed, Rejected, Cancelled), plus AttentionRequired entries.</param>
/// <param name="InFlight">This node's running, unfinished orders by status.</param>
/// <param name="SeriesStart">The unix second of <paramref name="Series"/>' first entry.</param>
/// <param name="Series">Per second from <paramref name="SeriesStart"/> up to the current (incomplete) second, oldest first.</param>
/// <param name="Steps">Saga steps that ended within the last minute, by action: their duration histogram.</param>
/// <param name="Consumers">This node's Kafka consumers' lag per assigned partition, as last sampled (empty without Kafka).</param>
/// <param name="Slices">Projection slices as this node's monitor knows them (lag is measured by every node of the role).</param>
public sealed record BoardNodeSnapshot(
    string Node,
    string Process,
    IReadOnlyList<string> Roles,
    DateTimeOffset At,
    DateTimeOffset StartedAt,
    long Placed,
    IReadOnlyList<BoardCount> Finished,
    IReadOnlyList<BoardCount> InFlight,
    long SeriesStart,
    IReadOnlyList<BoardSecond> Series,
    IReadOnlyList<BoardStep> Steps,
    IReadOnlyList<BoardConsumerLag> Consumers,
    IReadOnlyList<BoardSliceLag> Slices) : IOrderContract;

/// <summary>A count under a name (an outcome, a status).</summary>
public sealed record BoardCount(string Name, long Count);

/// <summary>What happened in one second: orders placed, finished by outcome, and entries into AttentionRequired.</summary>
public sealed record BoardSecond(long Placed, long Completed, long Rejected, long Cancelled, long Attention);

/// <summary>
/// The steps of one action that ended within the window, as a histogram: <paramref name="Buckets"/>[i] counts
/// durations ≤ <paramref name="Bounds"/>[i] (and above the previous bound); the last bucket those above every bound.
/// </summary>
/// <param name="Action">The participant action (AuthorizePayment, …).</param>
/// <param name="Bounds">Upper bounds in seconds, ascending.</param>
/// <param name="Buckets">Counts, one more than <paramref name="Bounds"/>.</param>
/// <param name="Count">Steps ended (the sum of the buckets).</param>
/// <param name="Sum">Their total duration in seconds.</param>
/// <param name="Failed">Of them, the steps that did not succeed.</param>
/// <param name="Max">The longest, in seconds.</param>
public sealed record BoardStep(string Action, IReadOnlyList<double> Bounds, IReadOnlyList<long> Buckets, long Count, double Sum, long Failed, double Max);

/// <summary>One Kafka partition's lag for one consumer of the node: records not committed yet.</summary>
public sealed record BoardConsumerLag(string Consumer, string Group, string Topic, int Partition, long Lag);

/// <summary>A projection slice as a node's monitor knows it.</summary>
/// <param name="Running">The slice's worker runs on this node.</param>
/// <param name="LagEvents">Tagged events after the slice's stored offset (capped).</param>
/// <param name="LagSeconds">Age of the oldest of them; 0 when caught up.</param>
/// <param name="LastError">The worker's last failure, if any.</param>
public sealed record BoardSliceLag(string Projection, int Slice, bool Running, long LagEvents, double LagSeconds, string? LastError);
