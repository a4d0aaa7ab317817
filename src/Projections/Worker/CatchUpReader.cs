using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorOrders.Projections;

/// <summary><see cref="ICatchUpReader"/> over <c>CurrentEventsByPersistenceId</c>; callable from any thread.</summary>
internal sealed class CatchUpReader(ICurrentEventsByPersistenceIdQuery query, IMaterializer materializer) : ICatchUpReader
{
    public async Task<IReadOnlyList<EventEnvelope>> ReadAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(persistenceId);
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequenceNr);
        if (toSequenceNr < fromSequenceNr) return [];
        ct.ThrowIfCancellationRequested();

        var (killSwitch, events) = query.CurrentEventsByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr)
            .ViaMaterialized(KillSwitches.Single<EventEnvelope>(), Keep.Right)
            .ToMaterialized(Sink.Seq<EventEnvelope>(), Keep.Both)
            .Run(materializer);
        await using var cancel = ct.Register(() => killSwitch.Abort(new OperationCanceledException(ct)));
        return await events;
    }
}
