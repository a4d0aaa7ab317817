using Akka.Persistence.Query;

namespace ActorOrders.Projections;

/// <summary>
/// What a handler gets: consecutive events of one slice of one projection.
/// </summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Slice">The slice (0 … slice count - 1).</param>
/// <param name="Envelopes">
/// The events, in journal order (<c>ordering</c>, the envelope's <see cref="Sequence"/> offset); the
/// events of one persistence id are in sequence-number order. Never empty.
/// </param>
/// <param name="CatchUp">Reads the events of one persistence id by sequence number, for handlers that see a gap.</param>
/// <param name="IsBackfill">
/// True during the slice's one-time backfill (events read per persistence id, including events
/// written before tagging; no offset is stored for them). Handlers usually need not care.
/// </param>
public sealed record ProjectionBatch(
    string Projection,
    int Slice,
    IReadOnlyList<EventEnvelope> Envelopes,
    ICatchUpReader CatchUp,
    bool IsBackfill)
{
    /// <summary>What the handler's <see cref="ISqlProjectionHandler.PrepareAsync"/> returned for this batch, or null.</summary>
    public object? Prepared { get; init; }
}
