using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrders.LoadGen;

/// <summary>
/// Places N orders of mixed kinds over HTTP against a running node, waits until every one is
/// terminal, and checks each against its expected outcome and the simulators' ledger:
/// Completed ⇔ charged, reserved, shipped; Cancelled after a charge ⇒ refunded; reserved and
/// not shipped ⇒ released; no order charged twice.
/// </summary>
public static class VerifyRun
{
    public static async Task<int> RunAsync(Uri baseUrl, int orders, int concurrency, TimeSpan deadline)
    {
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var mix = new OrderMix(seed: 42, runId: "v" + DateTime.UtcNow.ToString("HHmmss"));
        var kinds = Enumerable.Range(0, orders).Select(_ => mix.Next()).ToArray();
        var bodies = kinds.Select((k, i) => mix.Body(mix.OrderId(i), k)).ToArray();

        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, orders), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync("/orders", bodies[i], ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                throw new InvalidOperationException($"POST {mix.OrderId(i)} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        });
        Console.WriteLine($"placed {orders} orders in {sw.Elapsed.TotalSeconds:0.0} s");

        var statuses = new string?[orders];
        var until = DateTime.UtcNow + deadline;
        while (true)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, orders).Where(i => !IsTerminal(statuses[i])),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
                {
                    var order = await http.GetFromJsonAsync<JsonObject>($"/orders/{mix.OrderId(i)}", ct);
                    statuses[i] = order?["status"]?.GetValue<string>();
                });
            var open = statuses.Count(s => !IsTerminal(s));
            if (open == 0) break;
            if (DateTime.UtcNow > until)
            {
                Console.WriteLine($"FAIL: {open} orders not terminal after {deadline}");
                return 1;
            }

            Console.WriteLine($"{open} orders still in flight…");
            await Task.Delay(TimeSpan.FromSeconds(1)); // polling a remote system, not waiting in a test
        }

        Console.WriteLine($"all {orders} terminal after {sw.Elapsed.TotalSeconds:0.0} s");
        var ledger = await http.GetFromJsonAsync<JsonObject>("/participants/ledger")
            ?? throw new InvalidOperationException("no ledger");
        var rows = ledger["orders"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["orderId"]!.GetValue<string>());
        var problems = new List<string>();
        for (var i = 0; i < orders; i++)
        {
            var id = mix.OrderId(i);
            var expected = OrderMix.ExpectedStatus(kinds[i]);
            if (statuses[i] != expected) problems.Add($"{id}: {kinds[i]} ended {statuses[i]}, expected {expected}");
            problems.AddRange(LedgerProblems(id, statuses[i]!, rows.GetValueOrDefault(id)));
        }

        foreach (var group in statuses.GroupBy(s => s).OrderBy(g => g.Key))
            Console.WriteLine($"  {group.Key,-12} {group.Count()}");
        foreach (var p in problems.Take(20)) Console.WriteLine("  " + p);
        Console.WriteLine(problems.Count == 0 ? "OK: every order consistent with the ledger" : $"FAIL: {problems.Count} inconsistencies");
        return problems.Count == 0 ? 0 : 1;
    }

    private static bool IsTerminal(string? status) => status is "Completed" or "Rejected" or "Cancelled";

    private static IEnumerable<string> LedgerProblems(string id, string status, JsonObject? row)
    {
        bool Flag(string name) => row?[name]?.GetValue<bool>() ?? false;
        var charges = row?["charges"]?.GetValue<int>() ?? 0;
        var charged = charges > 0;
        if (charges > 1) yield return $"{id}: charged {charges} times";
        if (status == "Completed" && !(charged && Flag("reserved") && Flag("shipped"))) yield return $"{id}: Completed but ledger {row?.ToJsonString()}";
        if (status == "Completed" && (Flag("refunded") || Flag("released"))) yield return $"{id}: Completed but compensated";
        if (status == "Cancelled" && charged && !Flag("refunded")) yield return $"{id}: Cancelled after a charge but not refunded";
        if (status != "Completed" && Flag("reserved") && !Flag("released")) yield return $"{id}: reserved, not shipped, not released";
        if (status == "Rejected" && charged && !Flag("refunded")) yield return $"{id}: Rejected but charged";
        if (status != "Completed" && Flag("shipped") && !Flag("shipmentCancelled")) yield return $"{id}: shipped but not completed";
    }
}
