using Akka.Persistence.Query;

namespace ActorOrders.Projections;

/// <summary>
/// Reads an entity's events by sequence number (<c>CurrentEventsByPersistenceId</c>), for a handler
/// that sees an event whose sequence number is not the next one it expects.
/// </summary>
/// <remarks>
/// <para><b>The gap pattern.</b> A handler that stores, per entity, the last sequence number it applied
/// (e.g. a <c>version</c> column in its read-model row) checks each envelope: sequence number ≤ applied
/// → already applied, skip (at-least-once delivery); = applied + 1 → apply; &gt; applied + 1 → a gap:
/// read <c>ReadAsync(id, applied + 1, envelope.SequenceNr - 1)</c>, apply those first, then the envelope.</para>
/// <para>Gaps happen: Akka.Persistence.Sql's <c>EventsByTag</c> gives up waiting for a journal
/// <c>ordering</c> that is missing after <c>query-delay × max-tries</c> (10 s by default) and never
/// delivers it if its transaction commits later (PostgreSQL with concurrent writers); events
/// written before tagging are untagged. The reader returns what the journal has now; a range
/// still missing after it means those events are not (yet) committed.</para>
/// </remarks>
public interface ICatchUpReader
{
    /// <summary>
    /// The stored events of <paramref name="persistenceId"/> with <paramref name="fromSequenceNr"/> ≤
    /// sequence number ≤ <paramref name="toSequenceNr"/>, in order (deleted events excluded). The result is
    /// held in memory: ask for the missing range, not an entity's whole history.
    /// </summary>
    Task<IReadOnlyList<EventEnvelope>> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken ct = default);
}
