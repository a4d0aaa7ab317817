using System.Data.Common;

namespace ActorOrders.Projections;

/// <summary>
/// A handler whose effect is rows in the projection database. The engine opens a write transaction,
/// calls <see cref="HandleAsync"/>, stores the new offset in the same transaction and commits, so the
/// effect and the offset are atomic: after a crash the batch is either applied with its offset or
/// not at all.
/// </summary>
/// <remarks>
/// Delivery is still at-least-once (backfill replays events that are tagged too, a handed-over slice
/// may replay a batch), so the effect must be idempotent: upsert by key and apply an entity's event
/// only when its sequence number is newer than the one stored (see <see cref="ICatchUpReader"/>).
/// One instance serves every slice on the node, concurrently: keep it stateless or thread-safe.
/// Do not commit or roll back <c>tx</c>; throw to fail the batch (it is retried after a backoff).
/// </remarks>
public interface ISqlProjectionHandler
{
    /// <summary>
    /// Optional first phase, before the write transaction: the reads the batch needs (its rows' current
    /// state), in a read transaction that on SQLite does not hold the single write lock. What it returns
    /// reaches <see cref="HandleAsync"/> as <see cref="ProjectionBatch.Prepared"/>. Reads taken here may be
    /// overtaken by another worker of the same slice during a handover: use them only as a base that an
    /// idempotent, sequence-number-guarded write corrects (an older base shows as a gap and is caught up).
    /// </summary>
    Task<object?> PrepareAsync(ProjectionBatch batch, DbConnection connection, DbTransaction readTx, CancellationToken ct) =>
        Task.FromResult<object?>(null);

    /// <summary>Applies <paramref name="batch"/> through <paramref name="connection"/> inside <paramref name="tx"/>.</summary>
    Task HandleAsync(ProjectionBatch batch, DbConnection connection, DbTransaction tx, CancellationToken ct);
}
