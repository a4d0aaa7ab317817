using System.Text.Json;

namespace ActorOrders.LoadGen;

/// <summary>Where a run's lines go: a label (floor / node), a run number for the comparison script, the target URL.</summary>
internal sealed record RunInfo(string Label, int Run, Uri Url, int Clients, int? ServerPid);

/// <summary>
/// Prints each phase twice: human-readable lines prefixed with the label, and one JSON line
/// (starting with '{') that `LoadGen summarize` and docs/performance.md take figures from.
/// </summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Orders(RunInfo run, string mix, int warmup, OrderPhaseResult r, CpuUse cpu)
    {
        var p = $"[{run.Label}]";
        Console.WriteLine($"{p} orders: {r.Orders} in {r.Elapsed.TotalSeconds:0.00} s = {r.PerSecond:0} orders/s; placement→terminal " +
                          $"p50 {r.Latency.P50:0.0} ms, p90 {r.Latency.P90:0.0} ms, p99 {r.Latency.P99:0.0} ms, max {r.Latency.Max:0.0} ms; " +
                          $"{GetsPerOrder(r):0.00} GETs/order");
        Console.WriteLine($"{p}   {string.Join(", ", r.Observed.Select(kv => $"{kv.Key} {kv.Value}"))}; mismatches {r.MismatchCount}" +
                          (r.MismatchCount == 0 ? "" : $" (first: {string.Join("; ", r.FirstMismatches)})") +
                          $"; unfinished {r.Unfinished}; refused {r.Refused}; {r.Errors}");
        Console.WriteLine($"{p}   CPU: {CpuLine(run, cpu, r.Orders, "order")}; in flight by Little's law {r.PerSecond * r.Latency.Mean / 1000:0} of {run.Clients} clients");
        Saturation(p, cpu);
        Line(new
        {
            tool = "LoadGen", mode = "http", phase = "orders", label = run.Label, run = run.Run, url = run.Url.ToString(), mix, clients = run.Clients,
            orders = r.Orders, warmup, seconds = R(r.Elapsed.TotalSeconds), ordersPerSec = R(r.PerSecond),
            p50Ms = R(r.Latency.P50), p90Ms = R(r.Latency.P90), p99Ms = R(r.Latency.P99), maxMs = R(r.Latency.Max), meanMs = R(r.Latency.Mean),
            getsPerOrder = R(GetsPerOrder(r)), statuses = r.Observed, mismatches = r.MismatchCount, mismatchIds = r.FirstMismatches,
            unfinished = r.Unfinished, refused = r.Refused, httpErrors = r.Errors.Http, transportErrors = r.Errors.Transport,
            serverPid = run.ServerPid, serverCpuUsPerOrder = R(cpu.ServerMicrosPer(r.Orders)), serverCores = R(cpu.ServerCores, 2),
            toolCpuUsPerOrder = R(cpu.ToolMicrosPer(r.Orders)), toolCores = R(cpu.ToolCores, 2), otherCores = R(cpu.OtherCores, 2), softirqCores = R(cpu.SoftIrqCores, 2),
            machineCores = R(cpu.MachineCores, 2), cores = Environment.ProcessorCount,
        });
    }

    public static void Gets(RunInfo run, string mode, string source, int ids, GetPhaseResult r)
    {
        var p = $"[{run.Label}]";
        Console.WriteLine($"{p} GETs ({source}, {ids} ids): {r.Gets} in {r.Elapsed.TotalSeconds:0.00} s = {r.PerSecond:0} GETs/s; " +
                          $"p50 {r.Latency.P50:0.00} ms, p90 {r.Latency.P90:0.00} ms, p99 {r.Latency.P99:0.00} ms, max {r.Latency.Max:0.0} ms; {r.Errors}");
        Console.WriteLine($"{p}   CPU: {CpuLine(run, r.Cpu, r.Gets, "GET")}; in flight by Little's law {r.PerSecond * r.Latency.Mean / 1000:0} of {run.Clients} clients");
        Saturation(p, r.Cpu);
        Line(new
        {
            tool = "LoadGen", mode, phase = "gets", label = run.Label, run = run.Run, url = run.Url.ToString(),
            source, ids, clients = run.Clients, seconds = R(r.Elapsed.TotalSeconds), gets = r.Gets, getsPerSec = R(r.PerSecond),
            p50Ms = R(r.Latency.P50, 3), p90Ms = R(r.Latency.P90, 3), p99Ms = R(r.Latency.P99, 3), maxMs = R(r.Latency.Max), meanMs = R(r.Latency.Mean, 3),
            httpErrors = r.Errors.Http, transportErrors = r.Errors.Transport,
            serverPid = run.ServerPid, serverCpuUsPerGet = R(r.Cpu.ServerMicrosPer(r.Gets)), serverCores = R(r.Cpu.ServerCores, 2),
            toolCpuUsPerGet = R(r.Cpu.ToolMicrosPer(r.Gets)), toolCores = R(r.Cpu.ToolCores, 2), otherCores = R(r.Cpu.OtherCores, 2), softirqCores = R(r.Cpu.SoftIrqCores, 2),
            machineCores = R(r.Cpu.MachineCores, 2), cores = Environment.ProcessorCount,
        });
    }

    public static void Line(object value) => Console.WriteLine(JsonSerializer.Serialize(value, Json));

    private static double GetsPerOrder(OrderPhaseResult r) => r.Finished == 0 ? 0 : r.Gets / (double)r.Orders;

    private static string CpuLine(RunInfo run, CpuUse cpu, long count, string unit)
    {
        var server = cpu.ServerSeconds is null
            ? "server unknown (pass --server-pid)"
            : $"server {cpu.ServerMicrosPer(count):0} µs/{unit} ({cpu.ServerCores:0.00} cores, pid {run.ServerPid})";
        return $"{server}; load tool {cpu.ToolMicrosPer(count):0} µs/{unit} ({cpu.ToolCores:0.00} cores); " +
               $"everything else {cpu.OtherCores:0.00} cores (softirq, i.e. loopback TCP not charged to a process, {cpu.SoftIrqCores:0.00})" +
               (cpu.IsShort ? $"; phase of {cpu.WallSeconds:0.00} s: too short for /proc's 10 ms ticks, CPU figures are rough" : "");
    }

    /// <summary>On a saturated machine throughput is CPU-bound and shared with the tool: say so next to the figures.</summary>
    private static void Saturation(string prefix, CpuUse cpu)
    {
        var cores = Environment.ProcessorCount;
        if (!cpu.IsShort && cpu.MachineCores >= 0.9 * cores)
            Console.WriteLine($"{prefix}   note: the machine's {cores} cores were {cpu.MachineCores / cores:P0} busy: figures are CPU-bound and include what the load tool took from the server");
    }

    private static double? R(double? value, int digits = 1) => value is { } v ? Math.Round(v, digits) : null;

    private static double R(double value, int digits = 1) => Math.Round(value, digits);
}
