using ActorOrders.Projections.Tests.Support;
using Akka.Actor;
using Akka.Persistence.Query;

namespace ActorOrders.Projections.Tests;

/// <summary>Scenarios every store must pass; SQLite and PostgreSQL run the same code.</summary>
public static class Scenarios
{
    public const string View = "toy-view";

    public static ProjectionDefinition Definition(ISqlProjectionHandler handler, int batchSize = 50) =>
        new(View, TestStore.TagPrefix, TestStore.SliceCount, handler, ToyEntity.KeyOf) { BatchSize = batchSize, MinBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(1) };

    public static async Task MarkBackfilledAsync(TestStore store, string projection = View)
    {
        var offsets = new SqlOffsetStore(store.Database);
        await offsets.InitializeAsync();
        for (var slice = 0; slice < TestStore.SliceCount; slice++) await offsets.MarkBackfilledAsync(projection, slice);
    }

    /// <summary>Waits until every slice's stored offset is the ordering of its last tagged event.</summary>
    public static async Task WaitForStoredOffsetsAtEndAsync(TestStore store, string projection = View)
    {
        var offsets = new SqlOffsetStore(store.Database);
        for (var slice = 0; slice < TestStore.SliceCount; slice++)
        {
            var tagged = await JournalQueries.OrderingsOfTagAsync(store, Slices.Tag(TestStore.TagPrefix, slice));
            var last = tagged.Count > 0 ? tagged[^1] : 0;
            await Eventually.Until(async () => await offsets.LoadAsync(projection, slice) == last, TimeSpan.FromSeconds(15), $"slice {slice} stored offset {last}");
        }
    }

    /// <summary>Events written before and while the workers run all reach the state once; each slice stores its last tagged ordering.</summary>
    public static async Task EveryEventIsAppliedAndOffsetsStored(TestStore store)
    {
        await using var world = new ToyWorld(store, store.Config());
        await ToyStateHandler.CreateTableAsync(store.Database);
        var handler = new ToyStateHandler();
        using var monitor = new ProjectionMonitor();
        var keys = Keys.Make(20);
        var expected = new Expected();

        await world.PersistManyAsync(keys, 8);
        expected.AddEach(keys, 8);
        world.StartWorkers(Definition(handler), monitor);
        await world.PersistManyAsync(keys[..6], 3);
        expected.AddEach(keys[..6], 3);

        await expected.WaitUntilAppliedAsync(store.Database);
        var offsets = new SqlOffsetStore(store.Database);
        for (var slice = 0; slice < TestStore.SliceCount; slice++)
        {
            var tagged = await JournalQueries.OrderingsOfTagAsync(store, Slices.Tag(TestStore.TagPrefix, slice));
            tagged.ShouldNotBeEmpty($"slice {slice} has events");
            var last = tagged[^1];
            await Eventually.Until(async () => await offsets.LoadAsync(View, slice) == last, TimeSpan.FromSeconds(10), $"slice {slice} stored offset {last}");
            (await offsets.IsBackfilledAsync(View, slice)).ShouldBeTrue();
            var status = monitor.Get(View, slice).ShouldNotBeNull();
            status.Running.ShouldBeTrue();
            status.StoredOffset.ShouldBe(last);
        }

        handler.CaughtUp.ShouldBeEmpty("no gaps: every event came in order");
        var delivered = handler.Delivered.Select(e => (e.PersistenceId, e.SequenceNr)).ToHashSet();
        delivered.Count.ShouldBe((int)expected.Events, "every event was handed to the handler");
    }

    /// <summary>Workers stopped while a batch is in flight, then a new actor system on the same database: nothing missing, nothing applied twice, resumed after the stored offset.</summary>
    public static async Task ResumesFromStoredOffsetInANewSystem(TestStore store)
    {
        await ToyStateHandler.CreateTableAsync(store.Database);
        await MarkBackfilledAsync(store);
        var keys = Keys.Make(24);
        var expected = new Expected();
        var offsets = new SqlOffsetStore(store.Database);
        var stored = new long[TestStore.SliceCount];

        await using (var first = new ToyWorld(store, store.Config(), "first"))
        {
            await first.PersistManyAsync(keys, 5);
            expected.AddEach(keys, 5);
            // Six batches of five events get through, then every worker is held inside its handler.
            var handler = new ToyStateHandler { Gate = new SemaphoreSlim(6) };
            using var monitor = new ProjectionMonitor();
            var workers = first.StartWorkers(Definition(handler, batchSize: 5), monitor);
            await Eventually.Until(() => Task.FromResult(handler.Gate.CurrentCount == 0 && monitor.Snapshot().Sum(s => s.EventsHandled) == 30), TimeSpan.FromSeconds(20), "six batches handled");

            foreach (var worker in workers.Values) await worker.GracefulStop(TimeSpan.FromSeconds(10), StopSlice.Instance);
            for (var slice = 0; slice < TestStore.SliceCount; slice++) stored[slice] = await offsets.LoadAsync(View, slice);
            stored.Sum(o => o > 0 ? 1 : 0).ShouldBeGreaterThan(0, "some slice stored progress");
            (await expected.MatchesAsync(store.Database)).ShouldBeFalse("stopped mid-stream");
        }

        await using var second = new ToyWorld(store, store.Config(), "second");
        await second.PersistManyAsync(keys[..8], 2);
        expected.AddEach(keys[..8], 2);
        var resumed = new ToyStateHandler();
        using var secondMonitor = new ProjectionMonitor();
        second.StartWorkers(Definition(resumed, batchSize: 5), secondMonitor);

        await expected.WaitUntilAppliedAsync(store.Database);
        foreach (var e in resumed.Delivered)
            ((Sequence)e.Offset).Value.ShouldBeGreaterThan(stored[Slices.Of(ToyEntity.KeyOf(e.PersistenceId)!, TestStore.SliceCount)], "resumed after the stored offset");
    }

    /// <summary>Events persisted before the tagger was bound reach the handler through the one-time backfill.</summary>
    public static async Task BackfillBringsInEventsWrittenBeforeTagging(TestStore store)
    {
        await ToyStateHandler.CreateTableAsync(store.Database);
        var old = Keys.Make(12, "old");
        var fresh = Keys.Make(4, "new");
        var expected = new Expected();

        await using (var untagged = new ToyWorld(store, store.Config(tagging: false), "untagged"))
        {
            await untagged.PersistManyAsync(old, 3);
            expected.AddEach(old, 3);
        }
        (await JournalQueries.UntaggedToyEventsAsync(store)).ShouldBe(36, "written without tags");

        await using var tagged = new ToyWorld(store, store.Config(), "tagged");
        foreach (var key in old[..6]) await tagged.PersistAsync(key, 4, 5);
        foreach (var key in old[..6]) expected.Add(key, [4, 5]);
        await tagged.PersistManyAsync(fresh, 2);
        expected.AddEach(fresh, 2);

        var handler = new ToyStateHandler();
        using var monitor = new ProjectionMonitor();
        var workers = tagged.StartWorkers(Definition(handler), monitor);
        await expected.WaitUntilAppliedAsync(store.Database);

        var offsets = new SqlOffsetStore(store.Database);
        for (var slice = 0; slice < TestStore.SliceCount; slice++)
            await Eventually.Until(() => offsets.IsBackfilledAsync(View, slice), TimeSpan.FromSeconds(10), $"slice {slice} backfilled");
        handler.CaughtUp.ShouldBeEmpty("the backfill, not the gap check, brought the old events");
        // The state is complete once the backfill is through; the live stream then re-reads the
        // tagged events (idempotent) and stores their offsets. Stop only once it has.
        await WaitForStoredOffsetsAtEndAsync(store);

        // Started again, the workers do not backfill again: only the new event is delivered.
        foreach (var worker in workers.Values) await worker.GracefulStop(TimeSpan.FromSeconds(10), StopSlice.Instance);
        var again = new ToyStateHandler();
        tagged.StartWorkers(Definition(again), monitor);
        await tagged.PersistAsync(old[0], 6);
        expected.Add(old[0], [6]);
        await expected.WaitUntilAppliedAsync(store.Database);
        again.Delivered.Select(e => (e.PersistenceId, e.SequenceNr)).ShouldBe([(ToyEntity.Prefix + old[0], 6L)]);
    }

    /// <summary>
    /// A handler that tracks the last sequence number per entity fills a gap through the catch-up
    /// reader: events 4 and 5 are untagged (written without the tagger, after the backfill), so the
    /// live stream jumps from 3 to 6.
    /// </summary>
    public static async Task GapIsFilledThroughTheCatchUpReader(TestStore store)
    {
        await ToyStateHandler.CreateTableAsync(store.Database);
        await MarkBackfilledAsync(store);
        await using (var tagged = new ToyWorld(store, store.Config(), "before")) await tagged.PersistAsync("g", 1, 2, 3);
        await using (var untagged = new ToyWorld(store, store.Config(tagging: false), "untagged")) await untagged.PersistAsync("g", 4, 5);

        await using var world = new ToyWorld(store, store.Config(), "after");
        await world.PersistAsync("g", 6);
        var handler = new ToyStateHandler();
        using var monitor = new ProjectionMonitor();
        world.StartWorkers(Definition(handler), monitor);

        var expected = new Expected();
        expected.Add("g", [1, 2, 3, 4, 5, 6]);
        await expected.WaitUntilAppliedAsync(store.Database);
        handler.CaughtUp.Select(e => e.SequenceNr).ShouldBe([4L, 5]);
        handler.Delivered.Select(e => e.SequenceNr).ShouldBe([1L, 2, 3, 6], "EventsByTag itself never delivers the untagged events");
    }

    /// <summary>The lag rises while no worker runs (0 on a slice without events) and returns to 0 once the workers catch up.</summary>
    public static async Task LagRisesWhileStoppedAndReturnsToZero(TestStore store, string tagMode = "Csv")
    {
        await using var world = new ToyWorld(store, store.Config(tagMode: tagMode));
        await ToyStateHandler.CreateTableAsync(store.Database);
        await MarkBackfilledAsync(store);
        var definition = Definition(new ToyStateHandler()) with { LagInterval = TimeSpan.FromMilliseconds(200) };
        using var monitor = new ProjectionMonitor();
        // Keys of slices 0-2 only: slice 3 stays empty and must report no lag.
        var keys = Keys.Make(200).Where(k => Slices.Of(k, TestStore.SliceCount) != 3).Take(9).ToArray();
        var perSlice = keys.GroupBy(k => Slices.Of(k, TestStore.SliceCount)).ToDictionary(g => g.Key, g => g.Count() * 4L);

        await world.PersistManyAsync(keys, 4);
        world.System.ActorOf(ProjectionLagProbe.Props(definition, store.Database, monitor), "lag-probe");

        await Eventually.Until(() => Task.FromResult(Enumerable.Range(0, 4).All(s => monitor.Get(View, s)?.LagEvents == perSlice.GetValueOrDefault(s))),
            TimeSpan.FromSeconds(15), "lag equals the events written per slice");
        foreach (var s in monitor.Snapshot())
        {
            s.Running.ShouldBeFalse();
            if (perSlice.ContainsKey(s.Slice)) s.LagSeconds!.Value.ShouldBeInRange(0.0001, 120, "created is in ticks: the age of the oldest event is seconds, not millennia");
            else (s.LagEvents, s.LagSeconds).ShouldBe((0L, 0.0));
        }

        world.StartWorkers(definition, monitor);
        await Eventually.Until(() => Task.FromResult(monitor.Snapshot().All(s => s.LagEvents == 0 && s.LagSeconds == 0)),
            TimeSpan.FromSeconds(20), "lag back to 0 on every slice");
    }
}
