using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>Asking about ids that do not exist stores nothing that names them, however many there are.</summary>
public sealed class UnknownIdTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    [Fact]
    public async Task Ten_thousand_gets_of_random_ids_are_404s_and_leave_no_row_naming_any_of_them_in_any_table()
    {
        var marker = $"ghost{Guid.NewGuid():N}"[..20];
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();

        await Concurrently.ForEachAsync(Enumerable.Range(0, 10_000), 64, async n =>
        {
            using var response = await fixture.Http.GetAsync($"/orders/{marker}-{n}");
            statuses.AddOrUpdate(response.StatusCode, 1, (_, c) => c + 1);
        });

        statuses.ShouldBe(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.NotFound] = 10_000 });
        await StoreBarrier.AfterEverythingBeforeIsStoredAsync(fixture.Http, fixture.JournalFile);
        SqliteJournal.Tables(fixture.JournalFile).ShouldContain("order_read_model", "every table is searched, the read model's too");
        SqliteJournal.RowsMentioning(fixture.JournalFile, marker).ShouldBe(0);
    }
}
