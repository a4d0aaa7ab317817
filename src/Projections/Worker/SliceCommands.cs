namespace ActorOrders.Projections;

/// <summary>Asks a <see cref="ProjectionWorker"/> for its slice's status; it answers with a <see cref="SliceStatus"/>.</summary>
public sealed record GetSliceStatus
{
    /// <summary>The message.</summary>
    public static readonly GetSliceStatus Instance = new();
}

/// <summary>
/// Stops a <see cref="ProjectionWorker"/>: its stream ends (no new batch starts; the batch in
/// flight is cancelled and not stored) and the actor stops. It is also the handoff stop message under
/// ShardedDaemonProcess, which starts the worker again (on this node or another) at its next keep-alive.
/// </summary>
public sealed record StopSlice
{
    /// <summary>The message.</summary>
    public static readonly StopSlice Instance = new();
}
