namespace ActorOrders.LoadGen;

/// <summary>Settings shared by the modes that drive a running server over HTTP.</summary>
internal sealed record HttpSettings(Uri Url, string Label, int Run, int Clients, int? ServerPid, TimeSpan GetWarmup, TimeSpan GetPhase, TimeSpan OrderTimeout)
{
    public static HttpSettings From(Options o, int getPhaseSeconds)
    {
        var url = new Uri(o.Get("url", "http://127.0.0.1:5080"));
        var pid = o.Find("server-pid") is { } given ? int.Parse(given) : ListenerLookup.FindPid(url);
        return new(url, o.Get("label", url.Authority), o.GetCount("run", 1), o.GetInt("clients", 256), pid,
            TimeSpan.FromSeconds(o.GetCount("get-warmup-seconds", 2)), TimeSpan.FromSeconds(getPhaseSeconds),
            TimeSpan.FromSeconds(o.GetInt("order-timeout-seconds", 60)));
    }

    public RunInfo Info => new(Label, Run, Url, Clients, ServerPid);

    /// <summary>Ids unique to this invocation, so repeated runs against one node never meet an existing order.</summary>
    public static string NewRunId() => "lg" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x");

    public void PrintHeader(string mode, string details) =>
        Console.WriteLine($"[{Label}] {mode} {Url} clients={Clients} {details} server-pid={ServerPid?.ToString() ?? "unknown"} cores={Environment.ProcessorCount}");
}

/// <summary>
/// `LoadGen http`: what a storefront user sees. Warm-up orders (not counted), then the measured
/// orders — each POSTed and polled to its terminal status by closed-loop clients — then,
/// unless --get-phase-seconds 0, a GET-only phase over the measured orders' ids.
/// </summary>
internal static class HttpRun
{
    public static async Task<int> RunAsync(Options o)
    {
        var s = HttpSettings.From(o, o.GetCount("get-phase-seconds", 10));
        var mixName = o.Get("mix", "standard");
        var mix = new OrderMix(seed: 42, HttpSettings.NewRunId(), OrderMix.ParseMix(mixName));
        var warmup = o.GetCount("warmup", 2_000);
        var count = o.GetInt("orders", 20_000);
        s.PrintHeader("http", $"mix={mixName} orders={count} warm-up={warmup}");
        using var http = LoadHttp.Create(s.Url, s.Clients);

        if (warmup > 0)
        {
            var w = await new OrderPhase(http, PreparedOrder.Batch(mix, "w", warmup), s.OrderTimeout).RunAsync(s.Clients);
            Console.WriteLine($"[{s.Label}] warm-up: {w.Orders} orders in {w.Elapsed.TotalSeconds:0.00} s ({w.PerSecond:0}/s, p99 {w.Latency.P99:0} ms); {w.Errors}");
        }

        var orders = PreparedOrder.Batch(mix, "m", count);
        var before = CpuSample.Take(s.ServerPid);
        var r = await new OrderPhase(http, orders, s.OrderTimeout).RunAsync(s.Clients);
        Report.Orders(s.Info, mixName, warmup, r, CpuUse.Between(before, CpuSample.Take(s.ServerPid)));

        var getErrors = 0L;
        if (s.GetPhase > TimeSpan.Zero)
        {
            var g = await new GetPhase(http, [.. orders.Select(x => x.Path)], s.ServerPid).RunAsync(s.Clients, s.GetWarmup, s.GetPhase);
            Report.Gets(s.Info, "http", "placed", orders.Length, g);
            getErrors = g.Errors.Total;
        }

        return r.MismatchCount + r.Unfinished + r.Refused + r.Errors.Total + getErrors == 0 ? 0 : 1;
    }
}
