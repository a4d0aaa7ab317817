using System.Data.Common;

namespace ActorOrders.Projections;

/// <summary>
/// Where each projection slice stores how far it got: the journal <c>ordering</c> of the last
/// tagged event whose effect is durable, and whether its one-time backfill is done.
/// </summary>
public interface IOffsetStore
{
    /// <summary>Creates the store's table if it is missing (idempotent; safe on several nodes at once).</summary>
    Task InitializeAsync(CancellationToken ct = default);

    /// <summary>The stored offset of the slice; 0 (before every event) when none is stored.</summary>
    Task<long> LoadAsync(string projection, int slice, CancellationToken ct = default);

    /// <summary>
    /// Stores <paramref name="offset"/>; never moves a stored offset backwards (a late writer, such as
    /// a worker of the slice that is being handed over, cannot undo progress). Inside
    /// <paramref name="tx"/> when given, so that it commits or rolls back with the handler's effect.
    /// </summary>
    Task SaveAsync(string projection, int slice, long offset, DbTransaction? tx = null, CancellationToken ct = default);

    /// <summary>Whether the slice's backfill of events written before tagging is done.</summary>
    Task<bool> IsBackfilledAsync(string projection, int slice, CancellationToken ct = default);

    /// <summary>Records that the slice's backfill is done (it is not run again).</summary>
    Task MarkBackfilledAsync(string projection, int slice, CancellationToken ct = default);
}
