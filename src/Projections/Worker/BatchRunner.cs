using Akka.Persistence.Query;

namespace ActorOrders.Projections;

/// <summary>Hands one batch to the handler and stores its offset once the effect is durable.</summary>
internal sealed class BatchRunner(ProjectionDefinition definition, int slice, ProjectionDatabase database, IOffsetStore offsets, ICatchUpReader catchUp)
{
    public async Task<BatchDone> RunAsync(IReadOnlyList<EventEnvelope> envelopes, bool backfill, CancellationToken ct)
    {
        // Off the stream's thread: the handler and SQLite's synchronous "async" calls may block.
        await Task.Yield();
        var batch = new ProjectionBatch(definition.Name, slice, envelopes, catchUp, backfill);
        // Backfill envelopes come per persistence id, not in tag order: storing their ordering as the
        // tag offset would skip tagged events. The live stream after the backfill starts from the stored offset.
        long? offset = backfill ? null : MaxOrdering(envelopes);

        if (definition.SqlHandler is { } sql)
        {
            await using var connection = await database.OpenAsync(ct);
            await using (var readTx = await database.BeginReadAsync(connection, ct))
            {
                batch = batch with { Prepared = await sql.PrepareAsync(batch, connection, readTx, ct) };
                await readTx.CommitAsync(ct);
            }

            await using var tx = await database.BeginWriteAsync(connection, ct);
            await sql.HandleAsync(batch, connection, tx, ct);
            if (offset is { } o) await offsets.SaveAsync(definition.Name, slice, o, tx, ct);
            await tx.CommitAsync(ct);
        }
        else
        {
            await definition.Handler!.HandleAsync(batch, ct);
            if (offset is { } o) await offsets.SaveAsync(definition.Name, slice, o, null, ct);
        }

        return new BatchDone(envelopes.Count, offset);
    }

    private static long MaxOrdering(IReadOnlyList<EventEnvelope> envelopes)
    {
        var max = 0L;
        foreach (var e in envelopes)
            if (e.Offset is Sequence s && s.Value > max) max = s.Value;
        return max;
    }
}
