namespace ActorOrders.LoadGen;

/// <summary>
/// `LoadGen gets`: the GET-only phase on its own, for comparing servers with the same client
/// settings. It first places --seed-orders happy orders (all Completed, so every answer has the
/// same size and shape as the floor's) and then reads them back as fast as the clients can.
/// With --seed-orders 0 it reads made-up ids, which only the floor answers with 200.
/// </summary>
internal static class GetsRun
{
    public static async Task<int> RunAsync(Options o)
    {
        var s = HttpSettings.From(o, o.GetInt("get-phase-seconds", 10));
        var seeds = o.GetCount("seed-orders", 1_000);
        s.PrintHeader("gets", $"seed-orders={seeds} seconds={s.GetPhase.TotalSeconds:0} warm-up={s.GetWarmup.TotalSeconds:0}s");
        using var http = LoadHttp.Create(s.Url, s.Clients);

        var mix = new OrderMix(seed: 42, HttpSettings.NewRunId(), MixKind.Happy);
        Uri[] paths;
        if (seeds > 0)
        {
            var orders = PreparedOrder.Batch(mix, "s", seeds);
            var placed = await new OrderPhase(http, orders, s.OrderTimeout).RunAsync(s.Clients);
            Console.WriteLine($"[{s.Label}] seeded {placed.Finished} of {seeds} orders in {placed.Elapsed.TotalSeconds:0.00} s; {placed.Errors}");
            if (placed.Finished < seeds) return 1;
            paths = [.. orders.Select(x => x.Path)];
        }
        else
        {
            paths = [.. Enumerable.Range(0, 1_000).Select(i => LoadHttp.OrderPath(mix.OrderId("any", i)))];
        }

        var r = await new GetPhase(http, paths, s.ServerPid).RunAsync(s.Clients, s.GetWarmup, s.GetPhase);
        Report.Gets(s.Info, "gets", seeds > 0 ? "seeded" : "any", paths.Length, r);
        return r.Errors.Total == 0 ? 0 : 1;
    }
}
