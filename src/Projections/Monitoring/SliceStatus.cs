namespace ActorOrders.Projections;

/// <summary>What one node knows about one slice of a projection, at one moment.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Slice">The slice.</param>
/// <param name="Running">Whether this slice's worker is reading on this node now (false on other nodes, and while it backs off).</param>
/// <param name="Backfilling">Whether the worker is running the slice's one-time backfill.</param>
/// <param name="StoredOffset">The offset last stored (by this node's worker, or read by the lag probe).</param>
/// <param name="EventsHandled">Events handed to the handler by this node's worker since this process started (backfill included).</param>
/// <param name="LastBatchAt">When this node's worker last finished a batch.</param>
/// <param name="LastError">The last failure of this node's worker, or null.</param>
/// <param name="LastErrorAt">When that failure happened.</param>
/// <param name="LagEvents">Tagged events after the stored offset (capped at the definition's <c>LagCountLimit</c>); null until measured.</param>
/// <param name="LagSeconds">Age of the oldest of those events; 0 when there is none; null until measured.</param>
/// <param name="LagMeasuredAt">When the lag was last measured.</param>
public sealed record SliceStatus(
    string Projection,
    int Slice,
    bool Running,
    bool Backfilling,
    long StoredOffset,
    long EventsHandled,
    DateTimeOffset? LastBatchAt,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long? LagEvents,
    double? LagSeconds,
    DateTimeOffset? LagMeasuredAt);
