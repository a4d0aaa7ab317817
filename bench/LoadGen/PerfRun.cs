using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Node.Wiring;
using ActorOrders.Projections;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.LoadGen;

/// <summary>
/// Runs the real node in-process (sharding, OrderActor, the configured journal, zero-latency
/// simulators; HTTP bound but unused) and drives happy-path orders straight into the shard
/// region with a fixed number in flight. Placement→terminal latency is timed from the Tell to
/// the <see cref="OrderFinished"/> the order publishes after storing its terminal event.
/// </summary>
public static class PerfRun
{
    public static async Task<int> RunAsync(string journal, int orders, int inFlight, int warmup, IDictionary<string, string?> overrides, int run)
    {
        var dir = Directory.CreateTempSubdirectory("actororders-bench-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["ActorOrders:Cluster:Port"] = "0",
            ["ActorOrders:Persistence:Provider"] = journal switch { "memory" => "InMemory", "postgres" => "PostgreSql", _ => "Sqlite" },
            ["ActorOrders:Persistence:ConnectionString"] = journal == "postgres"
                ? Environment.GetEnvironmentVariable("ACTORORDERS_POSTGRES") ?? throw new InvalidOperationException("set ACTORORDERS_POSTGRES")
                : $"Data Source={dir}/bench.db",
            ["ActorOrders:Participants:MinLatency"] = "00:00:00",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:00",
        };
        foreach (var (k, v) in overrides) settings[k] = v;

        var app = ActorOrders.Node.Program.Build([], b => b.Configuration.AddInMemoryCollection(settings));
        await app.StartAsync();
        try
        {
            var system = app.Services.GetRequiredService<ActorSystem>();
            var region = await app.Services.GetRequiredService<ActorRegistry>().GetAsync<OrderRegion>();
            var tracker = new FinishTracker();
            var listener = system.ActorOf(Props.Create(() => new FinishListener(tracker)), "bench-finish-listener");
            system.EventStream.Subscribe(listener, typeof(OrderFinished));

            Console.WriteLine($"journal={journal} orders={orders} in-flight={inFlight} warm-up={warmup} dir={dir}");
            await Phase("warm-up", "w", warmup, inFlight, region, tracker, null);
            var sampler = app.Services.GetService<ProjectionDatabase>() is { } database
                && app.Services.GetRequiredService<ActorOrders.Node.Settings.NodeSettings>().Projections.RunWorkers
                ? new ProjectionSampler(database, "m", () => tracker.FinishedCount, TimeSpan.FromMilliseconds(200))
                : null;
            var (line, json) = await Phase("measured", "m", orders, inFlight, region, tracker, sampler);
            Console.WriteLine(line);
            Report.Line(json with { Journal = journal, Run = run });
            return 0;
        }
        finally
        {
            await app.StopAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The JSON line of the measured phase, named so that `LoadGen summarize` sets it beside the HTTP figures.</summary>
    private sealed record PerfJson(
        string Tool, string Mode, string Phase, string Label, int Run, string Journal, int InFlight, int Orders, double Seconds,
        double OrdersPerSec, double P50Ms, double P90Ms, double P99Ms, double MaxMs, double CpuUsPerOrder, double Cores,
        double? ReadModelDelayP50Ms = null, double? ReadModelDelayMaxMs = null, double? ReadModelCatchUpMs = null, int? ReadModelMostBehind = null);

    private static async Task<(string Line, PerfJson Json)> Phase(
        string name, string prefix, int count, int inFlight, IActorRef region, FinishTracker tracker, ProjectionSampler? sampler)
    {
        var gate = new SemaphoreSlim(inFlight);
        tracker.Reset(count, gate);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0);
        var sw = Stopwatch.StartNew();
        var sampling = sampler?.RunAsync(count, tracker.AllFinished, TimeSpan.FromMinutes(12));
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            var id = $"{prefix}{Environment.TickCount64:x}-{i:D6}";
            tracker.Started(id);
            region.Tell(new PlaceOrder(id, "customer-" + (i % 1000), "USD",
                [new OrderLine("SKU-" + (i % 50), 1 + (i % 3), 9.99m)],
                new ShippingAddress("1 Main St", "Springfield", "12345", "US")), ActorRefs.NoSender);
        }

        await tracker.AllFinished.WaitAsync(TimeSpan.FromMinutes(10));
        sw.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var lat = tracker.Latencies();
        Array.Sort(lat);
        double P(double q) => lat.Length == 0 ? 0 : lat[Math.Min(lat.Length - 1, (int)(q * lat.Length))];
        var seconds = sw.Elapsed.TotalSeconds;
        var lag = sampling is null ? null : await sampling;
        var json = new PerfJson("LoadGen", "perf", "perf", "in-process", 1, "", inFlight, count, Math.Round(seconds, 2),
            Math.Round(count / seconds, 1), Math.Round(P(0.50), 1), Math.Round(P(0.90), 1), Math.Round(P(0.99), 1), Math.Round(lat.LastOrDefault(), 1),
            Math.Round(cpu.TotalMilliseconds / count * 1000, 1), Math.Round(cpu.TotalSeconds / seconds, 2),
            lag?.MedianDelayMs, lag?.MaxDelayMs, lag?.CatchUpMs, lag?.MostBehind);
        var readModel = lag is null
            ? "read model: not running"
            : $"read model: rows finished {lag.MedianDelayMs} ms (median) / {lag.MaxDelayMs} ms (max) after their orders, " +
              $"caught up {lag.CatchUpMs} ms after the last one, at most {lag.MostBehind} orders behind ({lag.Projected} of {count} rows)";
        return ($"{name}: {count} orders in {sw.Elapsed.TotalSeconds:0.00} s = {count / sw.Elapsed.TotalSeconds:0} orders/s; " +
               $"latency p50 {P(0.50):0.0} ms, p90 {P(0.90):0.0} ms, p99 {P(0.99):0.0} ms, max {lat.LastOrDefault():0.0} ms; " +
               $"CPU {cpu.TotalMilliseconds / count * 1000:0} µs/order ({cpu.TotalSeconds / sw.Elapsed.TotalSeconds:0.00} cores); " +
               $"gen0 GCs {GC.CollectionCount(0) - gcBefore}; statuses {tracker.Statuses()}; {readModel}", json);
    }

    private sealed class FinishTracker
    {
        private readonly ConcurrentDictionary<string, long> _started = new();
        private ConcurrentBag<double> _latencies = [];
        private ConcurrentDictionary<OrderStatus, int> _statuses = new();
        private SemaphoreSlim _gate = new(1);
        private int _remaining;
        private int _total;
        private TaskCompletionSource _all = new();

        public Task AllFinished => _all.Task;

        public int FinishedCount => _total - Volatile.Read(ref _remaining);

        public void Reset(int count, SemaphoreSlim gate)
        {
            _latencies = [];
            _statuses = new();
            _gate = gate;
            _remaining = count;
            _total = count;
            _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Started(string id) => _started[id] = Stopwatch.GetTimestamp();

        public void Finished(OrderFinished f)
        {
            if (!_started.TryRemove(f.OrderId, out var t0)) return;
            _latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            _statuses.AddOrUpdate(f.Status, 1, (_, n) => n + 1);
            _gate.Release();
            if (Interlocked.Decrement(ref _remaining) == 0) _all.TrySetResult();
        }

        public double[] Latencies() => [.. _latencies];

        public string Statuses() => string.Join(", ", _statuses.Select(kv => $"{kv.Key} {kv.Value}"));
    }

    private sealed class FinishListener : ReceiveActor
    {
        public FinishListener(FinishTracker tracker) => Receive<OrderFinished>(tracker.Finished);
    }
}
