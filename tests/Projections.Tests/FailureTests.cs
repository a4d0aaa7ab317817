using ActorOrders.Projections.Tests.Support;
using Akka.Persistence.Query;

namespace ActorOrders.Projections.Tests;

public class FailureTests
{
    [Fact]
    public async Task A_failing_effect_handler_is_retried_with_growing_backoff_and_nothing_is_skipped()
    {
        await using var store = TestStore.Sqlite();
        await using var world = new ToyWorld(store, store.Config());
        await Scenarios.MarkBackfilledAsync(store);
        await world.PersistManyAsync(Keys.Make(12), 3);
        var tagged = await JournalQueries.OrderingsOfTagAsync(store, Slices.Tag(TestStore.TagPrefix, 0));
        tagged.ShouldNotBeEmpty();

        var handler = new RecordingHandler();
        handler.FailNext(3);
        var min = TimeSpan.FromMilliseconds(300);
        var definition = new ProjectionDefinition(Scenarios.View, TestStore.TagPrefix, TestStore.SliceCount, handler, ToyEntity.KeyOf)
        {
            MinBackoff = min,
            MaxBackoff = TimeSpan.FromSeconds(5),
        };
        using var monitor = new ProjectionMonitor();
        world.StartWorkers(definition, monitor, 0);

        await Eventually.Until(() => Task.FromResult(handler.Handled.Count >= tagged.Count), TimeSpan.FromSeconds(20), "slice 0 handled after the failures");
        handler.Handled.Select(e => ((Sequence)e.Offset).Value).ShouldBe(tagged, "every event once, in order, none skipped");

        var calls = handler.Calls.ToArray();
        calls.Count(c => c.Failed).ShouldBe(3);
        calls.Take(4).ShouldAllBe(c => c.FirstOrdering == tagged[0], "each retry starts again from the stored offset");
        // Backoff doubles: ≥ 300 ms, ≥ 600 ms, ≥ 1200 ms between the attempts (minus timer slack).
        for (var i = 1; i <= 3; i++)
            (calls[i].At - calls[i - 1].At).ShouldBeGreaterThanOrEqualTo(min * Math.Pow(2, i - 1) * 0.9, $"wait before attempt {i + 1}");

        var status = monitor.Get(Scenarios.View, 0).ShouldNotBeNull();
        status.LastError.ShouldNotBeNull().ShouldContain("injected handler failure");
        await Eventually.Until(async () => await new SqlOffsetStore(store.Database).LoadAsync(Scenarios.View, 0) == tagged[^1], TimeSpan.FromSeconds(10), "offset stored after the effect");
    }

    [Fact]
    public async Task A_failing_sql_handler_rolls_back_its_effect_with_its_offset()
    {
        await using var store = TestStore.Sqlite();
        await using var world = new ToyWorld(store, store.Config());
        await ToyStateHandler.CreateTableAsync(store.Database);
        await Scenarios.MarkBackfilledAsync(store);
        var keys = Keys.Make(16);
        var expected = new Expected();
        await world.PersistManyAsync(keys, 3);
        expected.AddEach(keys, 3);

        var handler = new ToyStateHandler();
        handler.FailNext(2);
        using var monitor = new ProjectionMonitor();
        world.StartWorkers(Scenarios.Definition(handler), monitor);

        await expected.WaitUntilAppliedAsync(store.Database);
        await Scenarios.WaitForStoredOffsetsAtEndAsync(store);
        handler.Failed.ShouldBe(2);
        (await ToyStateHandler.BatchRowsAsync(store.Database)).ShouldBe(handler.Succeeded, "the failed batches' rows were rolled back with them");
    }
}
