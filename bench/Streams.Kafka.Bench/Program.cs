using System.Diagnostics;
using ActorOrders.Streams.Kafka.Bench;
using ActorOrders.Streams.Kafka.Embedded;
using Akka.Actor;
using Akka.Streams;

// Consume+commit and produce throughput of the stages against a plain Confluent.Kafka loop,
// on the same mock cluster, topic layout and message size. Usage: [messages] [runs]
var messages = args.Length > 0 ? int.Parse(args[0]) : 200_000;
var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
var only = args.Length > 2 ? args[2] : "all"; // "produce" or "consume" to run one side only
const int valueBytes = 1024;

// BENCH_SYNC_LIMIT raises akka.stream.materializer.sync-processing-limit (default 1,000 events
// before a fused stream yields its thread) to show how much of the gap is rescheduling.
var syncLimit = Environment.GetEnvironmentVariable("BENCH_SYNC_LIMIT") ?? "1000";
using var system = ActorSystem.Create("bench", $"akka.loglevel = WARNING\nakka.stream.materializer.sync-processing-limit = {syncLimit}");
var materializer = system.Materializer();
var results = new List<(string Name, double Seconds)>();

Console.WriteLine($"{messages:N0} messages of {valueBytes} B, {runs} runs each (after a warm-up), {Environment.ProcessorCount} cores, sync-processing-limit {syncLimit}");
using (var warm = new MockCluster())
{
    var w = new Scenarios(warm, materializer, 20_000, valueBytes);
    var t = w.SeedTopic();
    Console.WriteLine($"warm-up: produce/plain {await w.PlainProduce():F2}s");
    Console.WriteLine($"warm-up: produce/stage {await w.StageProduce():F2}s");
    Console.WriteLine($"warm-up: produce/plain+reports {await w.PlainProduceWithReports():F2}s");
    Console.WriteLine($"warm-up: consume+commit/plain {await w.PlainConsumeCommit(t):F2}s");
    Console.WriteLine($"warm-up: consume+commit/stage {await w.StageConsumeCommit(t):F2}s");
}

for (var run = 0; run < runs; run++)
{
    // A fresh cluster per run keeps the broker's memory (200 MB per topic) from piling up.
    using var cluster = new MockCluster();
    var s = new Scenarios(cluster, materializer, messages, valueBytes);
    var seeded = only == "produce" ? "" : s.SeedTopic();
    // Alternate the order so neither side always runs on a warmer or colder machine.
    if (run % 2 == 0)
    {
        if (only != "consume")
        {
            results.Add(("produce/plain", await s.PlainProduce()));
            results.Add(("produce/plain+reports", await s.PlainProduceWithReports()));
            results.Add(("produce/stage", await s.StageProduce()));
        }
        if (only != "produce")
        {
            results.Add(("consume+commit/plain", await s.PlainConsumeCommit(seeded)));
            results.Add(("consume+commit/stage", await s.StageConsumeCommit(seeded)));
        }
    }
    else
    {
        if (only != "consume")
        {
            results.Add(("produce/stage", await s.StageProduce()));
            results.Add(("produce/plain+reports", await s.PlainProduceWithReports()));
            results.Add(("produce/plain", await s.PlainProduce()));
        }
        if (only != "produce")
        {
            results.Add(("consume+commit/stage", await s.StageConsumeCommit(seeded)));
            results.Add(("consume+commit/plain", await s.PlainConsumeCommit(seeded)));
        }
    }
    Console.WriteLine($"run {run + 1}: " + string.Join(", ", results.Skip(run == 0 ? 0 : results.Count - results.Count / (run + 1)).Select(r => $"{r.Name} {r.Seconds:F2}s")));
}

Console.WriteLine();
Console.WriteLine("| scenario | median s | msgs/s | MB/s |");
Console.WriteLine("|---|---:|---:|---:|");
var medians = results.GroupBy(r => r.Name).ToDictionary(g => g.Key, g => Median(g.Select(r => r.Seconds)));
foreach (var (name, seconds) in medians.OrderBy(kv => kv.Key))
    Console.WriteLine($"| {name} | {seconds:F2} | {messages / seconds:N0} | {messages * (double)valueBytes / 1e6 / seconds:F1} |");
Console.WriteLine();
if (medians.ContainsKey("produce/stage"))
    Console.WriteLine($"produce: stage/plain = {medians["produce/plain"] / medians["produce/stage"]:F2}x, stage/plain+reports = {medians["produce/plain+reports"] / medians["produce/stage"]:F2}x");
if (medians.ContainsKey("consume+commit/stage"))
    Console.WriteLine($"consume+commit: stage/plain = {medians["consume+commit/plain"] / medians["consume+commit/stage"]:F2}x");
await system.Terminate();
return;

static double Median(IEnumerable<double> xs)
{
    var sorted = xs.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}
