using System.Text.Json;
using ActorOrders.Cli.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Cli.Tests;

/// <summary>The saga palette against the two-node cluster: stuck orders found, re-driven, compensated, with who did it in their history.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class OrderPaletteTests(SharedCluster shared, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private TwoNodeCluster Cluster => shared.Cluster;

    private async Task Run(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            Cluster?.WriteOutputTo(output);
            throw;
        }
    }

    /// <summary>An order that ends in AttentionRequired: inventory refuses (OOS-), then its refund keeps failing (norefund…).</summary>
    private async Task<(string Id, string Prefix)> StalledOrderAsync()
    {
        var prefix = $"norefund-{Guid.NewGuid():N}"[..20];
        var id = $"stalled-{Guid.NewGuid():N}"[..20];
        await Cluster.Node1.PlaceAsync(id, prefix + "-1", sku: "OOS-LAMP");
        await Eventually.Until(async () => (await ListedAsync("AttentionRequired")).Contains(id), Deadline, $"{id} is listed as AttentionRequired");
        return (id, prefix);
    }

    private async Task<IReadOnlyList<string>> ListedAsync(string status)
    {
        var run = await ConsoleRun.RunAsync(Cluster.Node2.Admin, "orders", "list", "--status", status, "--json");
        return run.ExitCode == 0
            ? [.. JsonDocument.Parse(run.Out).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orderId").GetString()!)]
            : [];
    }

    private async Task<JsonElement> ShowAsync(string id)
    {
        var run = await ConsoleRun.RunAsync(Cluster.Node2.Admin, "orders", "show", id, "--json");
        run.ExitCode.ShouldBe(0, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement;
    }

    private async Task<JsonElement> AwaitStatusAsync(string id, string status)
    {
        JsonElement order = default;
        await Eventually.Until(async () => (order = await ShowAsync(id)).GetProperty("status").GetString() == status, Deadline, $"{id} is {status}");
        return order;
    }

    private async Task HealAsync(string prefix)
    {
        // Each node runs its own simulators; the order's saga runs on one of them.
        foreach (var node in Cluster.Nodes) await node.HealAsync(prefix);
    }

    [PostgresFact]
    public Task An_order_forced_into_attention_is_listed_with_why_retried_after_healing_and_its_history_shows_who_retried_it() => Run(async () =>
    {
        var (id, prefix) = await StalledOrderAsync();

        var list = await ConsoleRun.RunAsync(Cluster.Node2.Admin, "orders", "list", "--status", "AttentionRequired");
        list.Lines.ShouldContain(l => l.StartsWith($"{id} | AttentionRequired | unchanged ", StringComparison.Ordinal) && l.Contains("RefundPayment failed 2 times", StringComparison.Ordinal), list.ToString());

        await HealAsync(prefix);
        var retry = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "retry", id);
        retry.ExitCode.ShouldBe(0, retry.ToString());
        retry.Out.ShouldContain($"{id}: retry accepted, now Compensating (recorded as {ConsoleRun.User})");

        var order = await AwaitStatusAsync(id, "Cancelled");
        var retried = order.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "OrderRetryRequested");
        retried.GetProperty("by").GetString().ShouldBe(ConsoleRun.User);
        retried.GetProperty("data").GetProperty("by").GetString().ShouldBe(ConsoleRun.User);

        var show = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "show", id);
        show.Lines.ShouldContain(l => l.Contains($" OrderRetryRequested by {ConsoleRun.User}", StringComparison.Ordinal), show.ToString());
        show.Lines.ShouldContain("status: Cancelled");
    });

    [PostgresFact]
    public Task A_bulk_retry_with_dry_run_changes_nothing_nor_does_one_not_confirmed_and_one_confirmed_with_yes_retries() => Run(async () =>
    {
        var (id, prefix) = await StalledOrderAsync();
        var before = await ShowAsync(id);

        var dry = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "retry", "--status", "AttentionRequired", "--dry-run");
        dry.ExitCode.ShouldBe(0, dry.ToString());
        dry.Lines[0].ShouldStartWith("would retry ");
        dry.Lines.ShouldContain(l => l.StartsWith($"{id} | AttentionRequired", StringComparison.Ordinal));

        var declined = await ConsoleRun.RunAsync([Cluster.Node1.Admin, "orders", "retry", "--status", "AttentionRequired"], input: "n\n");
        declined.ExitCode.ShouldBe(1, declined.ToString());
        declined.Err.ShouldContain("Not confirmed: nothing was done.");

        var after = await ShowAsync(id);
        after.GetProperty("status").GetString().ShouldBe("AttentionRequired");
        after.GetProperty("version").GetInt64().ShouldBe(before.GetProperty("version").GetInt64());

        await HealAsync(prefix);
        var yes = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "retry", "--status", "AttentionRequired", "--yes", "--json");
        yes.ExitCode.ShouldBe(0, yes.ToString());
        var report = JsonDocument.Parse(yes.Out).RootElement;
        (report.GetProperty("action").GetString(), report.GetProperty("dryRun").GetBoolean(), report.GetProperty("confirmed").GetBoolean()).ShouldBe(("retry", false, true));
        report.GetProperty("results").EnumerateArray().ShouldContain(r => r.GetProperty("orderId").GetString() == id && r.GetProperty("ok").GetBoolean());
        await AwaitStatusAsync(id, "Cancelled");
    });

    [PostgresFact]
    public Task A_forced_compensation_cancels_an_order_not_shipped_records_who_and_is_refused_after_shipment() => Run(async () =>
    {
        var (id, prefix) = await StalledOrderAsync();
        await HealAsync(prefix);

        var forced = await ConsoleRun.RunAsync(Cluster.Node2.Admin, "orders", "compensate", id, "--reason", "customer called: give up");
        forced.ExitCode.ShouldBe(0, forced.ToString());

        var order = await AwaitStatusAsync(id, "Cancelled");
        order.GetProperty("reason").GetString().ShouldBe("customer called: give up");
        order.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "CompensationForced")
            .GetProperty("by").GetString().ShouldBe(ConsoleRun.User);

        var shipped = $"shipped-{Guid.NewGuid():N}"[..20];
        await Cluster.Node1.PlaceAsync(shipped, "alice");
        var completed = await AwaitStatusAsync(shipped, "Completed");
        var refused = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "compensate", shipped);
        refused.ExitCode.ShouldBe(1, refused.ToString());
        refused.Err.Trim().ShouldBe($"Order {shipped} has shipped; it can no longer be compensated.");
        (await ShowAsync(shipped)).GetProperty("version").GetInt64().ShouldBe(completed.GetProperty("version").GetInt64());
    });

    [PostgresFact]
    public Task An_unknown_order_is_not_found_and_a_bad_filter_is_a_usage_error() => Run(async () =>
    {
        var missing = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "show", "no-such-order");
        missing.ExitCode.ShouldBe(1, missing.ToString());
        missing.Err.Trim().ShouldBe("Order no-such-order does not exist.");

        var bad = await ConsoleRun.RunAsync(Cluster.Node1.Admin, "orders", "list", "--status", "Lost");
        bad.ExitCode.ShouldBe(2, bad.ToString());
        bad.Err.ShouldContain("status must be one or more of");
    });
}
