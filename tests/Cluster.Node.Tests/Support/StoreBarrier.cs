namespace ActorOrders.Node.Tests.Support;

/// <summary>
/// Waits until everything asked of the node before has been written, so a test can assert that
/// something was NOT written without sleeping: a new order is placed and its read-model row must
/// show it completed. The journal writes in order and the projection reads in order, so by then
/// any earlier write is stored and any earlier event is projected.
/// </summary>
public static class StoreBarrier
{
    public static async Task AfterEverythingBeforeIsStoredAsync(HttpClient http, string sqliteFile)
    {
        var marker = await http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("barrier")));
        await http.WaitForTerminalAsync(marker);
        await Eventually.Until(
            () => Task.FromResult(SqliteJournal.RowsMentioning(sqliteFile, marker) >= 6),
            TimeSpan.FromSeconds(30),
            "the barrier order's events and its read-model row are stored");
    }
}
