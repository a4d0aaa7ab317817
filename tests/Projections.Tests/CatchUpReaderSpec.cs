using ActorOrders.Projections.Tests.Support;
using Akka.Persistence.Query;
using Akka.Streams;

namespace ActorOrders.Projections.Tests;

public sealed class CatchUpReaderSpec : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    private readonly TestStore _store;

    public CatchUpReaderSpec() : this(TestStore.Sqlite()) { }

    private CatchUpReaderSpec(TestStore store) : base(store.Config(), "catchup") => _store = store;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Returns_the_range_asked_for()
    {
        var entity = Sys.ActorOf(ToyEntity.Props("a"));
        await ToyWorld.PersistAsync(entity, [.. Enumerable.Range(1, 10)]);
        var journal = PersistenceQuery.Get(Sys).ReadJournalFor<IReadJournal>("akka.persistence.query.journal.sql");
        var reader = new CatchUpReader((ICurrentEventsByPersistenceIdQuery)journal, Sys.Materializer());

        var middle = await reader.ReadAsync("toy-a", 3, 7);
        middle.Select(e => e.SequenceNr).ShouldBe([3L, 4, 5, 6, 7]);
        middle.Select(e => ((ToyEvent)e.Event).N).ShouldBe([3, 4, 5, 6, 7]);
        middle.ShouldAllBe(e => e.PersistenceId == "toy-a" && ((Sequence)e.Offset).Value > 0);

        (await reader.ReadAsync("toy-a", 9, 100)).Select(e => e.SequenceNr).ShouldBe([9L, 10]);
        (await reader.ReadAsync("toy-a", 5, 4)).ShouldBeEmpty();
        (await reader.ReadAsync("toy-nobody", 1, 10)).ShouldBeEmpty();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => reader.ReadAsync("toy-a", 1, 10, cancelled.Token));
    }
}
