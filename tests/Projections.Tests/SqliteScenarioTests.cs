using ActorOrders.Projections.Tests.Support;

namespace ActorOrders.Projections.Tests;

/// <summary>The scenarios on an Akka.Persistence.Sql journal in a SQLite file (WAL).</summary>
public class SqliteScenarioTests
{
    [Fact]
    public async Task Every_event_is_applied_and_offsets_are_stored()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.EveryEventIsAppliedAndOffsetsStored(store);
    }

    [Fact]
    public async Task A_stopped_projection_resumes_from_its_stored_offset_in_a_new_actor_system()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.ResumesFromStoredOffsetInANewSystem(store);
    }

    [Fact]
    public async Task Backfill_brings_in_events_written_before_tagging()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.BackfillBringsInEventsWrittenBeforeTagging(store);
    }

    [Fact]
    public async Task Lag_rises_while_stopped_and_returns_to_zero()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.LagRisesWhileStoppedAndReturnsToZero(store);
    }

    [Fact]
    public async Task Lag_with_the_tag_table()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.LagRisesWhileStoppedAndReturnsToZero(store, tagMode: "TagTable");
    }

    [Fact]
    public async Task A_gap_is_filled_through_the_catch_up_reader()
    {
        await using var store = TestStore.Sqlite();
        await Scenarios.GapIsFilledThroughTheCatchUpReader(store);
    }
}
