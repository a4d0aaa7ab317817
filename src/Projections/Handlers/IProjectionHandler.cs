namespace ActorOrders.Projections;

/// <summary>
/// A handler whose effect is outside the projection database (e.g. publishing to Kafka). The engine
/// stores the offset after the returned task completes successfully: the task must complete only
/// once the effect is durable (e.g. every record acknowledged).
/// </summary>
/// <remarks>
/// A crash between the effect and the offset write repeats the batch: at-least-once, so consumers
/// of the effect must tolerate duplicates (e.g. deduplicate by persistence id + sequence number).
/// One instance serves every slice on the node, concurrently: keep it stateless or thread-safe.
/// Throw to fail the batch (it is retried after a backoff).
/// </remarks>
public interface IProjectionHandler
{
    /// <summary>Applies <paramref name="batch"/>; completes when its effect is durable.</summary>
    Task HandleAsync(ProjectionBatch batch, CancellationToken ct);
}
