using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>The benchmark-only in-memory journal still runs the whole saga over HTTP.</summary>
public sealed class InMemoryJournalTests
{
    private static readonly StoreConfig InMemory = new(new Dictionary<string, string?> { ["ActorOrders:Persistence:Provider"] = "InMemory" });

    [Fact]
    public async Task Orders_complete_and_unknown_ids_are_404_on_the_in_memory_journal()
    {
        await using var node = await TestNode.StartAsync(InMemory);

        var id = await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        (await node.Http.WaitForTerminalAsync(id)).Status().ShouldBe("Completed");
        using var unknown = await node.Http.GetAsync($"/orders/{OrderApi.NewId("ghost")}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
