using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>The order read model on SQLite, each test on a file of its own.</summary>
public sealed class SqliteReadModelTests : IDisposable
{
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public Task Two_thousand_orders_of_every_outcome_end_with_every_row_equal_to_its_order_although_the_workers_stopped_mid_stream() =>
        ReadModelScenarios.EveryRowEqualsItsOrder(_sqlite.Store, orders: 2000);

    [Fact]
    public Task An_event_the_tag_query_never_delivers_is_read_by_persistence_id_when_the_order_moves_on() =>
        ReadModelScenarios.AGapIsCaughtUpByPersistenceId(_sqlite.Store, GapInjection.Untagged(_sqlite.Store));

    [Fact]
    public Task Orders_written_before_tagging_are_brought_in_by_the_backfill() =>
        ReadModelScenarios.BackfillBringsInOrdersWrittenBeforeTagging(_sqlite.Store);

    [Fact]
    public Task Filters_and_paging_return_each_matching_order_exactly_once() =>
        ReadModelScenarios.FiltersAndPagingReturnEachMatchingOrderOnce(_sqlite.Store);

    public void Dispose() => _sqlite.Dispose();
}
