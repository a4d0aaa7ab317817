using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>The order read model on PostgreSQL (ACTORORDERS_POSTGRES), each test on a database of its own.</summary>
public sealed class PostgresReadModelTests
{
    [PostgresFact]
    public async Task Two_thousand_orders_of_every_outcome_end_with_every_row_equal_to_its_order_although_the_workers_stopped_mid_stream()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ReadModelScenarios.EveryRowEqualsItsOrder(database.Store, orders: 2000);
    }

    [PostgresFact]
    public async Task An_event_committed_out_of_order_after_the_projection_passed_it_is_read_by_persistence_id()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ReadModelScenarios.AGapIsCaughtUpByPersistenceId(database.Store, GapInjection.CommittedLate(database.Store));
    }

    [PostgresFact]
    public async Task Orders_written_before_tagging_are_brought_in_by_the_backfill()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ReadModelScenarios.BackfillBringsInOrdersWrittenBeforeTagging(database.Store);
    }

    [PostgresFact]
    public async Task Filters_and_paging_return_each_matching_order_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ReadModelScenarios.FiltersAndPagingReturnEachMatchingOrderOnce(database.Store);
    }
}
