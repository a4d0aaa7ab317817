namespace ActorOrders.Projections;

// The worker's messages to itself. Each names the run (one start of the stream) it belongs to, so
// that a late message of a failed run cannot disturb the next one.
internal sealed record Loaded(int Run, long Offset, bool Backfilled);

internal sealed record BatchDone(int Events, long? StoredOffset);

internal sealed record StreamEnded(int Run, bool Backfill);

internal sealed record StreamFailed(int Run, Exception Error);

internal sealed record BackfillMarked(int Run);

internal sealed record Restart(int Run);
