using System.Text.Json;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Scenarios every journal store must pass (SQLite and PostgreSQL run the same code).</summary>
public static class StoreScenarios
{
    /// <summary>An order placed over HTTP reaches Completed, with its events stored in order.</summary>
    public static async Task PlacedOrderCompletes(StoreConfig store)
    {
        await using var node = await TestNode.StartAsync(store);
        var id = await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        (await node.Http.WaitForTerminalAsync(id)).Status().ShouldBe("Completed");
        (await node.Http.EventsAsync(id)).Last().GetProperty("type").GetString().ShouldBe("OrderCompleted");
        (await node.Http.LedgerAsync(id)).GetProperty("charges").GetInt32().ShouldBe(1);
    }

    /// <summary>Stopping the node and starting a new one on the same store keeps every order and its history.</summary>
    public static async Task RestartKeepsOrdersAndHistory(StoreConfig store)
    {
        var ids = new[] { OrderApi.NewId("ok"), OrderApi.NewId("zz"), OrderApi.NewId("declined") };
        var bodies = new[] { OrderApi.Body(ids[0]), OrderApi.Body(ids[1], country: "ZZ"), OrderApi.Body(ids[2], customerId: "decline-eve") };
        var before = new Dictionary<string, (JsonElement View, string Events)>();

        await using (var first = await TestNode.StartAsync(store))
        {
            foreach (var body in bodies) await first.Http.PlaceNewAsync(body);
            foreach (var id in ids)
                before[id] = (await first.Http.WaitForTerminalAsync(id), Serialize(await first.Http.EventsAsync(id)));
        }

        await using var second = await TestNode.StartAsync(store);
        foreach (var id in ids)
        {
            var view = await second.Http.GetOrderAsync(id);
            view.Status().ShouldBe(before[id].View.Status());
            view.GetProperty("version").GetInt64().ShouldBe(before[id].View.GetProperty("version").GetInt64());
            view.GetProperty("total").GetDecimal().ShouldBe(before[id].View.GetProperty("total").GetDecimal());
            Serialize(await second.Http.EventsAsync(id)).ShouldBe(before[id].Events);
        }

        using var again = await second.Http.PlaceAsync(bodies[0]);
        again.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "the restarted node knows the order already exists");
    }

    private static string Serialize(JsonElement[] events) => JsonSerializer.Serialize(events);
}
