using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Akka.Actor;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Projections;
using ActorOrders.ReadSide.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>The read model against the orders themselves; every store runs the same scenarios.</summary>
public static class ReadModelScenarios
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Many orders of every outcome, with every projection worker stopped twice mid-stream: once the
    /// projection has caught up, every row equals what its order answers (status, content, times,
    /// reason, and the sequence number of its last event).
    /// </summary>
    public static async Task EveryRowEqualsItsOrder(StoreConfig store, int orders)
    {
        await using var node = await TestNode.StartAsync(store);
        var expected = new ConcurrentDictionary<string, string>();
        var placed = 0;
        var stops = new[] { orders / 3, 2 * orders / 3 };
        var stopped = 0;

        await Concurrently.ForEachAsync(Enumerable.Range(0, orders), 32, async n =>
        {
            var id = OrderApi.NewId($"rm{n}");
            var (body, status) = OrderMixes.Mixed(id, n);
            await node.Http.PlaceNewAsync(body);
            expected[id] = status;
            var count = Interlocked.Increment(ref placed);
            if (stops.Contains(count))
            {
                StopEveryWorker(node);
                Interlocked.Increment(ref stopped);
            }
        });
        stopped.ShouldBe(2, "the workers were stopped twice while orders flowed");

        var rows = await Eventually.Value(
            () => ReadModelRows.AllAsync(store),
            r => expected.Keys.All(id => r.TryGetValue(id, out var row) && OrderMixes.Settled.Contains(row.Status)),
            Settle,
            "every order has a settled row");

        var problems = new ConcurrentBag<string>();
        var readModel = new OrderReadModel(ReadModelRows.Database(store));
        await Concurrently.ForEachAsync(expected, 16, async pair =>
        {
            var view = await node.Http.GetOrderAsync(pair.Key);
            foreach (var difference in Differences(rows[pair.Key], view)) problems.Add(difference);
            if (view.Status() != pair.Value) problems.Add($"{pair.Key}: ended {view.Status()}, the test value forces {pair.Value}");
            // A finished order not in memory is answered from its row: it must be the order's own view, field for field.
            if (await readModel.FinalViewAsync(pair.Key) is { } fromRow)
            {
                var rowJson = JsonSerializer.Serialize(fromRow, ActorOrders.Http.OrderJson.Options);
                if (rowJson != view.GetRawText()) problems.Add($"{pair.Key}: the row's view {rowJson} differs from the order's {view.GetRawText()}");
            }
            else if (pair.Value != "AttentionRequired") problems.Add($"{pair.Key}: no final view from its row");
        });
        problems.ShouldBeEmpty();
    }

    /// <summary>
    /// The tag query never delivers an order's first event (<paramref name="hideFirstEvent"/> writes it
    /// so); when the order's next event arrives the handler reads the missing one by persistence id.
    /// </summary>
    public static async Task AGapIsCaughtUpByPersistenceId(StoreConfig store, Func<TestNode, string, Task> hideFirstEvent)
    {
        await using var node = await TestNode.StartAsync(store);
        // An order first, so the journal's tables exist before an event is written into them by hand.
        await node.Http.WaitForTerminalAsync(await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("before-gap"))));
        var id = OrderApi.NewId("gap");

        await hideFirstEvent(node, id);
        // Waking the order makes it go on from its stored OrderPlaced; its later events are tagged.
        (await node.Http.GetOrderAsync(id)).Status().ShouldBe("AwaitingPayment");

        var view = await node.Http.WaitForTerminalAsync(id);
        view.Status().ShouldBe("Completed");
        var row = await Eventually.Value(
            async () => (await ReadModelRows.AllAsync(store)).GetValueOrDefault(id),
            r => r is { Status: "Completed" },
            Settle,
            $"order {id} has a completed row");
        Differences(row!, view).ShouldBeEmpty();
        // Only OrderPlaced carries the customer: the row has it because the missing event was read by persistence id.
        row!.CustomerId.ShouldBe("gap-customer");
    }

    /// <summary>Orders written before tagging existed reach the read model through the one-time backfill.</summary>
    public static async Task BackfillBringsInOrdersWrittenBeforeTagging(StoreConfig store)
    {
        var untagged = new Dictionary<string, string>();
        await using (var before = await TestNode.StartAsync(store, overrides: new Dictionary<string, string?> { ["ActorOrders:Projections:Enabled"] = "false" }))
        {
            for (var n = 0; n < 20; n++)
            {
                var id = OrderApi.NewId($"old{n}");
                var (body, _) = OrderMixes.Mixed(id, n % 3);
                await before.Http.PlaceNewAsync(body);
                untagged[id] = (await before.Http.WaitForTerminalAsync(id)).Status();
            }

            using var listing = await before.Http.GetAsync("/orders");
            listing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "no read side while it is off");
        }

        (await JournalTags.TaggedOrderEventsAsync(store)).ShouldBe(0, "the orders were written without tags");

        await using var after = await TestNode.StartAsync(store);
        var rows = await Eventually.Value(
            () => ReadModelRows.AllAsync(store),
            r => untagged.Keys.All(r.ContainsKey),
            Settle,
            "every order written before tagging has a row");
        foreach (var (id, status) in untagged)
        {
            rows[id].Status.ShouldBe(status);
            Differences(rows[id], await after.Http.GetOrderAsync(id)).ShouldBeEmpty();
        }
    }

    /// <summary>Filters and keyset paging: each matching order exactly once, newest first, also while new orders keep arriving.</summary>
    public static async Task FiltersAndPagingReturnEachMatchingOrderOnce(StoreConfig store)
    {
        await using var node = await TestNode.StartAsync(store);
        var run = Guid.NewGuid().ToString("N")[..8];
        var first = new Dictionary<string, (string Customer, string Status)>();
        for (var n = 0; n < 45; n++)
        {
            var id = $"pg-{run}-{n:D3}";
            var customer = $"c{n % 3}-{run}";
            var declined = n % 4 == 0;
            await node.Http.PlaceNewAsync(OrderApi.Body(id, customerId: declined ? "decline-" + customer : customer));
            first[id] = (declined ? "decline-" + customer : customer, declined ? "Rejected" : "Completed");
        }

        await Eventually.Until(async () =>
        {
            var rows = await ReadModelRows.AllAsync(store);
            return first.All(o => rows.TryGetValue(o.Key, out var r) && r.Status == o.Value.Status);
        }, Settle, "the first batch has settled rows");
        var between = DateTimeOffset.UtcNow;

        // More orders arrive while the listing is paged.
        var more = Concurrently.ForEachAsync(Enumerable.Range(0, 30), 4, n => node.Http.PlaceNewAsync(OrderApi.Body($"pg-{run}-late-{n:D3}")));
        var completed = await PageAllAsync(node.Http, "status=Completed&limit=10");
        await more;

        completed.Select(i => i.Id).ShouldBeUnique();
        completed.ShouldBe(completed.OrderByDescending(i => i.PlacedAt).ThenByDescending(i => i.Id, StringComparer.Ordinal).ToList(), "newest first");
        var completedFirst = first.Where(o => o.Value.Status == "Completed").Select(o => o.Key).ToList();
        completed.Select(i => i.Id).Where(first.ContainsKey).ShouldBe(completedFirst, ignoreOrder: true);

        var customer0 = first.Values.First().Customer;
        var byCustomer = await PageAllAsync(node.Http, $"customerId={customer0}&limit=7");
        byCustomer.Select(i => i.Id).ShouldBe(first.Where(o => o.Value.Customer == customer0).Select(o => o.Key), ignoreOrder: true);

        var both = await PageAllAsync(node.Http, "status=Completed,Rejected&limit=500");
        both.Select(i => i.Id).Where(first.ContainsKey).ShouldBe(first.Keys, ignoreOrder: true);

        var before = await PageAllAsync(node.Http, $"updatedBefore={Uri.EscapeDataString(between.ToString("O"))}&limit=50");
        before.Select(i => i.Id).Where(id => id.StartsWith($"pg-{run}-", StringComparison.Ordinal)).ShouldBe(first.Keys, ignoreOrder: true);
    }

    /// <summary>Pages through GET /orders?{query} following next until null.</summary>
    public static async Task<List<(string Id, DateTimeOffset PlacedAt)>> PageAllAsync(HttpClient http, string query)
    {
        var items = new List<(string, DateTimeOffset)>();
        string? cursor = null;
        for (var page = 0; page < 1000; page++)
        {
            var url = cursor is null ? $"/orders?{query}" : $"/orders?{query}&cursor={Uri.EscapeDataString(cursor)}";
            using var response = await http.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var body = await response.JsonAsync();
            foreach (var item in body.GetProperty("items").EnumerateArray())
                items.Add((item.GetProperty("orderId").GetString()!, item.GetProperty("placedAt").GetDateTimeOffset()));
            if (body.GetProperty("next").ValueKind == JsonValueKind.Null) return items;
            cursor = body.GetProperty("next").GetString();
        }

        throw new InvalidOperationException("More than 1000 pages: the cursor does not advance.");
    }

    /// <summary>Every difference between a row and the order's own view.</summary>
    public static IEnumerable<string> Differences(ReadModelRow row, JsonElement view)
    {
        var id = row.OrderId;
        if (row.Status != view.Status()) yield return $"{id}: row status {row.Status}, order {view.Status()}";
        if (row.CustomerId != view.GetProperty("customerId").GetString()) yield return $"{id}: customer differs";
        if (row.Total != view.GetProperty("total").GetDecimal()) yield return $"{id}: total {row.Total} vs {view.GetProperty("total").GetDecimal()}";
        if (row.Currency != view.GetProperty("currency").GetString()) yield return $"{id}: currency differs";
        if (row.PlacedAt != view.GetProperty("placedAt").GetDateTimeOffset()) yield return $"{id}: placedAt differs";
        if (row.UpdatedAt != view.GetProperty("updatedAt").GetDateTimeOffset()) yield return $"{id}: updatedAt {row.UpdatedAt:O} vs {view.GetProperty("updatedAt").GetDateTimeOffset():O}";
        var reason = view.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : view.GetProperty("reason").GetString();
        if (row.Reason != reason) yield return $"{id}: reason '{row.Reason}' vs '{reason}'";
        if (row.LastSequenceNr != view.GetProperty("version").GetInt64()) yield return $"{id}: row at event {row.LastSequenceNr}, order at {view.GetProperty("version").GetInt64()}";
        if (OrderMixes.Settled.Contains(row.Status) && (row.CurrentStep is not null || row.Attempts != 0))
            yield return $"{id}: a settled order shows step {row.CurrentStep} attempt {row.Attempts}";
    }

    private static void StopEveryWorker(TestNode node)
    {
        var system = node.Services.GetRequiredService<ActorSystem>();
        for (var slice = 0; slice < 8; slice++) ProjectionHosting.TellSlice(system, OrderReadModel.ProjectionName, slice, StopSlice.Instance);
    }
}
