using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorOrders.Domain;
using ActorOrders.Domain.Events;
using ActorOrders.Http;
using ActorOrders.Node.Wiring;

namespace ActorOrders.Node.Http;

/// <summary>
/// <see cref="IOrderEventReader"/> over the read journal. Reading the journal never starts the
/// entity, so asking about an unknown id stores nothing.
/// </summary>
public sealed class JournalOrderEventReader(ActorSystem system) : IOrderEventReader
{
    private readonly Lazy<SqlReadJournal> _journal = new(() =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(PersistenceWiring.ReadJournalId));

    private readonly Lazy<IMaterializer> _materializer = new(() => system.Materializer(namePrefix: "order-events"));

    public async Task<IReadOnlyList<StoredOrderEvent>?> ReadAsync(string orderId, CancellationToken ct)
    {
        var envelopes = await QueryAsync(orderId, ct);
        if (envelopes.Count == 0) return null;
        return envelopes
            .Select(e => new StoredOrderEvent(e.SequenceNr, e.Event.GetType().Name, (e.Event as IOrderEvent)?.At ?? DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp), e.Event))
            .ToList();
    }

    private async Task<IImmutableList<EventEnvelope>> QueryAsync(string orderId, CancellationToken ct)
    {
        try
        {
            return await _journal.Value
                .CurrentEventsByPersistenceId(OrderActor.PersistenceIdPrefix + orderId, 0, long.MaxValue)
                .RunWith(Sink.Seq<EventEnvelope>(), _materializer.Value)
                .WaitAsync(ct);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TimeoutException || ex.InnerException is AskTimeoutException or TimeoutException)
        {
            // The read journal bounds its concurrent queries (max-concurrent-queries) and times out waiting for a permit.
            throw new OrderServiceUnavailableException("The event journal is busy.", TimeSpan.FromSeconds(1), ex);
        }
    }
}
