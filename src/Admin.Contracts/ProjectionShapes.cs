namespace ActorOrders.Contracts.Admin;

/// <summary><c>GET /admin/v1/projections</c>: every projection slice as the answering node knows it (its ProjectionMonitor).</summary>
public sealed record ProjectionSlices(IReadOnlyList<ProjectionSlice> Slices);

/// <summary>One slice. Lag is measured by every node of the role; <see cref="RunningHere"/> only where its worker runs.</summary>
/// <param name="Projection">The projection, e.g. orders-read-model.</param>
/// <param name="Slice">The slice number.</param>
/// <param name="RunningHere">Its worker reads on the answering node now.</param>
/// <param name="Backfilling">Its worker is running the one-time backfill.</param>
/// <param name="StoredOffset">The stored offset (journal ordering).</param>
/// <param name="EventsHandled">Events handled by this node's worker since the node started.</param>
/// <param name="LagEvents">Tagged events after the offset (capped), null until measured.</param>
/// <param name="LagSeconds">Age of the oldest of them; 0 when caught up; null until measured.</param>
/// <param name="LastBatchAt">When this node's worker last stored a batch.</param>
/// <param name="LastError">This node's worker's last failure.</param>
/// <param name="LastErrorAt">When it failed.</param>
public sealed record ProjectionSlice(
    string Projection,
    int Slice,
    bool RunningHere,
    bool Backfilling,
    long StoredOffset,
    long EventsHandled,
    long? LagEvents,
    double? LagSeconds,
    DateTimeOffset? LastBatchAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
