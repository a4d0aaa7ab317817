using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace ActorOrders.LoadGen;

/// <summary>
/// Orders through Kafka, as an upstream system places them: PlaceOrder CloudEvents produced to
/// orders.commands as fast as the producer goes (after a warm-up batch), timed to each order's
/// terminal event on orders.events (OrderCompleted, OrderCancelled, OrderRejected). Samples the
/// ingest group's lag on orders.commands and the node's memory (RSS from /proc) every second: the
/// lag curve and the peak memory of a flash sale.
/// </summary>
internal static class KafkaRun
{
    private static readonly string[] Terminal = ["actororders.order.OrderCompleted.v1", "actororders.order.OrderCancelled.v1", "actororders.order.OrderRejected.v1"];

    public static async Task<int> RunAsync(Options options)
    {
        var bootstrap = options.Find("bootstrap") ?? File.ReadAllText(options.Get("bootstrap-file", "src/Cluster.Node/data/kafka-bootstrap.txt")).Trim();
        var orders = options.GetInt("orders", 20_000);
        var warmup = options.GetCount("warmup", 2_000);
        var mix = OrderMix.ParseMix(options.Get("mix", "standard"));
        var pid = options.Find("server-pid") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var group = options.Get("ingest-group", "actororders-ingest");
        var deadline = TimeSpan.FromSeconds(options.GetInt("deadline-seconds", 600));
        var runId = "k" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture);

        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap, EnableIdempotence = true, LingerMs = 5 }).Build();
        using var events = new TerminalWatcher(bootstrap);
        Console.WriteLine($"kafka bootstrap={bootstrap} orders={orders} warm-up={warmup} mix={mix} server-pid={pid?.ToString() ?? "unknown"}");

        if (warmup > 0)
        {
            var w = await PhaseAsync("warm-up", Build(new OrderMix(7, runId, mix), "w", warmup), producer, events, pid, group, bootstrap, deadline, sample: false);
            Console.WriteLine($"warm-up: {w.Finished} of {warmup} orders in {w.Seconds:0.0} s");
        }

        var r = await PhaseAsync("measured", Build(new OrderMix(42, runId, mix), "m", orders), producer, events, pid, group, bootstrap, deadline, sample: true);
        Console.WriteLine($"measured: {r.Finished} of {orders} orders in {r.Seconds:0.00} s = {r.Finished / r.Seconds:0} orders/s (first produce → last terminal event); " +
                          $"produced in {r.ProduceSeconds:0.00} s; latency p50 {r.P50:0} ms, p99 {r.P99:0} ms, max {r.Max:0} ms; mismatches {r.Mismatches}; " +
                          $"peak lag {r.PeakLag}, drained {r.DrainSeconds:0.0} s after the last produce; peak RSS {r.PeakRssMb:0} MB");
        foreach (var s in r.Curve) Console.WriteLine($"  t={s.Seconds,5:0.0} s  lag={s.Lag,7}  finished={s.Finished,7}  rss={s.RssMb,6:0} MB");
        Report.Line(new
        {
            tool = "LoadGen", mode = "kafka", phase = "orders", label = options.Get("label", "kafka"), run = options.GetCount("run", 1),
            orders, finished = r.Finished, seconds = Math.Round(r.Seconds, 2), ordersPerSec = Math.Round(r.Finished / r.Seconds, 1),
            produceSeconds = Math.Round(r.ProduceSeconds, 2), p50Ms = Math.Round(r.P50, 1), p99Ms = Math.Round(r.P99, 1), maxMs = Math.Round(r.Max, 1),
            mismatches = r.Mismatches, peakLag = r.PeakLag, drainSeconds = Math.Round(r.DrainSeconds, 1), peakRssMb = Math.Round(r.PeakRssMb, 0),
        });
        return r.Finished == orders && r.Mismatches == 0 ? 0 : 1;
    }

    private static List<(string Id, string Expected, Message<string, byte[]> Record)> Build(OrderMix mix, string phase, int count) =>
        [.. Enumerable.Range(0, count).Select(n =>
        {
            var kind = mix.Next();
            var id = mix.OrderId(phase, n);
            return (id, OrderMix.ExpectedStatus(kind), Record(id, mix.Body(id, kind)));
        })];

    private static Message<string, byte[]> Record(string id, JsonObject body) => new()
    {
        Key = id,
        Value = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "urn:actororders:loadgen",
            ["type"] = "actororders.order.PlaceOrder.v1", ["subject"] = id, ["datacontenttype"] = "application/json", ["data"] = body,
        }.ToJsonString()),
    };

    private sealed record Sample(double Seconds, long Lag, int Finished, double RssMb);

    private sealed record PhaseResult(int Finished, double Seconds, double ProduceSeconds, double P50, double P99, double Max, int Mismatches,
        long PeakLag, double DrainSeconds, double PeakRssMb, IReadOnlyList<Sample> Curve);

    private static async Task<PhaseResult> PhaseAsync(string name, List<(string Id, string Expected, Message<string, byte[]> Record)> batch,
        IProducer<string, byte[]> producer, TerminalWatcher events, int? pid, string group, string bootstrap, TimeSpan deadline, bool sample)
    {
        var expected = batch.ToDictionary(b => b.Id, b => b.Expected);
        events.Expect(expected.Keys);
        var clock = Stopwatch.StartNew();
        var produced = new ConcurrentDictionary<string, double>();
        var deliveries = batch.Select(b =>
        {
            produced[b.Id] = clock.Elapsed.TotalMilliseconds;
            return producer.ProduceAsync("orders.commands", b.Record);
        }).ToList();
        await Task.WhenAll(deliveries);
        var produceSeconds = clock.Elapsed.TotalSeconds;

        var curve = new List<Sample>();
        using var lagReader = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = group }).Build();
        var partitions = Partitions(bootstrap, "orders.commands");
        double? drained = null;
        while (clock.Elapsed < deadline && events.Finished(expected.Keys) < expected.Count)
        {
            if (sample)
            {
                var lag = Lag(lagReader, partitions);
                var rss = pid is { } p ? RssMb(p) : 0;
                curve.Add(new Sample(clock.Elapsed.TotalSeconds, lag, events.Finished(expected.Keys), rss));
                if (lag == 0 && drained is null && clock.Elapsed.TotalSeconds > produceSeconds) drained = clock.Elapsed.TotalSeconds - produceSeconds;
            }

            await Task.Delay(TimeSpan.FromSeconds(sample ? 1 : 0.2)); // sampling a running system
        }

        var latencies = expected.Keys.Select(id => events.FinishedAt(id) is { } at ? at - produced[id] : (double?)null).OfType<double>().Order().ToArray();
        double Q(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        var last = expected.Keys.Select(events.FinishedAt).OfType<double>().DefaultIfEmpty(clock.Elapsed.TotalMilliseconds).Max();
        var mismatches = expected.Count(e => events.StatusOf(e.Key) is { } s && s != e.Value);
        return new PhaseResult(events.Finished(expected.Keys), last / 1000, produceSeconds, Q(0.5), Q(0.99), latencies.LastOrDefault(), mismatches,
            curve.Count == 0 ? 0 : curve.Max(c => c.Lag), drained ?? (last / 1000 - produceSeconds), curve.Count == 0 ? 0 : curve.Max(c => c.RssMb), curve);
    }

    private static List<TopicPartition> Partitions(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        return [.. admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics[0].Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }

    private static long Lag(IConsumer<string, byte[]> reader, List<TopicPartition> partitions) =>
        reader.Committed(partitions, TimeSpan.FromSeconds(5)).Sum(c =>
        {
            var high = reader.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(5)).High.Value;
            return high - Math.Max(0, c.Offset.Value);
        });

    private static double RssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Reads orders.events from its end (assigned before anything is produced) and records each watched order's terminal event.</summary>
    private sealed class TerminalWatcher : IDisposable
    {
        private readonly IConsumer<string, byte[]> _consumer;
        private readonly ConcurrentDictionary<string, (double At, string Status)> _finished = new();
        private readonly ConcurrentDictionary<string, byte> _watched = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly CancellationTokenSource _stop = new();
        private readonly Thread _thread;

        public TerminalWatcher(string bootstrap)
        {
            _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "loadgen-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false }).Build();
            var partitions = Partitions(bootstrap, "orders.events");
            _consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, _consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High)));
            _thread = new Thread(Poll) { IsBackground = true, Name = "orders.events watcher" };
            _thread.Start();
        }

        public void Expect(IEnumerable<string> ids)
        {
            foreach (var id in ids) _watched[id] = 0;
        }

        public int Finished(IEnumerable<string> ids) => ids.Count(_finished.ContainsKey);

        public double? FinishedAt(string id) => _finished.TryGetValue(id, out var f) ? f.At : null;

        public string? StatusOf(string id) => _finished.TryGetValue(id, out var f) ? f.Status : null;

        private void Poll()
        {
            while (!_stop.IsCancellationRequested)
            {
                var record = _consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record?.Message is null || !_watched.ContainsKey(record.Message.Key)) continue;
                using var doc = JsonDocument.Parse(record.Message.Value);
                var type = doc.RootElement.GetProperty("type").GetString();
                if (Terminal.Contains(type))
                    _finished.TryAdd(record.Message.Key, (_clock.Elapsed.TotalMilliseconds, type!["actororders.order.Order".Length..^3]));
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _thread.Join(TimeSpan.FromSeconds(5));
            _consumer.Close();
            _consumer.Dispose();
        }
    }
}
