using System.Text.Json;

namespace ActorOrders.LoadGen;

/// <summary>
/// `LoadGen summarize --file F [--run N]`: reads the JSON lines of several runs (as the comparison script
/// collects them) and prints, per phase, the median and every run's value of the figures that
/// matter, plus the two ratios the comparison is for: server CPU per GET of the node ÷ the floor,
/// and HTTP orders/s ÷ in-process (perf) orders/s.
/// </summary>
internal static class Summary
{
    private static readonly Dictionary<string, string[]> Metrics = new(StringComparer.Ordinal)
    {
        ["gets"] = ["getsPerSec", "p50Ms", "p99Ms", "serverCpuUsPerGet", "serverCores", "toolCores", "otherCores"],
        ["orders"] = ["ordersPerSec", "p50Ms", "p90Ms", "p99Ms", "getsPerOrder", "serverCpuUsPerOrder", "serverCores", "toolCores", "mismatches", "unfinished", "transportErrors"],
        ["perf"] = ["ordersPerSec", "p50Ms", "p99Ms", "cpuUsPerOrder", "cores"],
    };

    public static int Run(Options o)
    {
        var file = o.Find("file") ?? throw new ArgumentException("summarize needs --file PATH (JSON lines from LoadGen)");
        var node = o.Get("node-label", "node");
        var floor = o.Get("floor-label", "floor");
        var lines = File.ReadLines(file)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => Text(e, "tool") == "LoadGen")
            .Where(e => o.Find("run") is not { } only || RunOf(e) == int.Parse(only))
            .ToList();
        if (lines.Count == 0) { Console.Error.WriteLine($"no LoadGen JSON lines in {file}"); return 1; }

        var runs = lines.Select(RunOf).Distinct().Order().ToList();
        Console.WriteLine($"summary of {runs.Count} run(s): median [run {string.Join(", ", runs)}]");
        var medians = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var group in lines.GroupBy(Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var phase = Text(group.First(), "phase") ?? "";
            var parts = new List<string>();
            foreach (var metric in Metrics.GetValueOrDefault(phase, []))
            {
                var values = runs.Select(r => group.Where(e => RunOf(e) == r).Select(e => Number(e, metric)).FirstOrDefault()).ToList();
                if (values.All(v => v is null)) continue;
                var median = Median(values);
                medians[$"{group.Key}.{metric}"] = median;
                parts.Add($"{metric} {Format(median)} [{string.Join(" ", values.Select(Format))}]");
            }

            Console.WriteLine($"  {group.Key,-22} {string.Join("; ", parts)}");
        }

        double? Ratio(int run, string top, string bottom) =>
            Find(lines, run, top) is { } t && Find(lines, run, bottom) is { } b && b != 0 ? t / b : null;
        var cpuRatio = runs.Select(r => Ratio(r, $"{node} gets/gets:serverCpuUsPerGet", $"{floor} gets/gets:serverCpuUsPerGet")).ToList();
        var perfRatio = runs.Select(r => Ratio(r, $"{node} http/orders:ordersPerSec", "in-process perf/perf:ordersPerSec")).ToList();
        Console.WriteLine($"  server CPU per GET, {node} ÷ {floor}: {Format(Median(cpuRatio))} [{string.Join(" ", cpuRatio.Select(Format))}]");
        if (perfRatio.Any(v => v is not null))
            Console.WriteLine($"  orders/s, {node} over HTTP ÷ in-process perf: {Format(Median(perfRatio))} [{string.Join(" ", perfRatio.Select(Format))}]");

        Report.Line(new { tool = "LoadGen-summary", runs = runs.Count, medians, cpuPerGetRatio = Median(cpuRatio), httpOverPerfOrders = Median(perfRatio) });
        return 0;
    }

    private static int RunOf(JsonElement e) => (int)(Number(e, "run") ?? 1);

    private static string Key(JsonElement e) => $"{Text(e, "label")} {Text(e, "mode")}/{Text(e, "phase")}";

    /// <summary>"label mode/phase:metric" of one run.</summary>
    private static double? Find(List<JsonElement> lines, int run, string keyAndMetric)
    {
        var split = keyAndMetric.LastIndexOf(':');
        return lines.Where(e => RunOf(e) == run && Key(e) == keyAndMetric[..split])
            .Select(e => Number(e, keyAndMetric[(split + 1)..])).FirstOrDefault();
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var v = values.OfType<double>().Order().ToArray();
        if (v.Length == 0) return null;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static string Format(double? v) => v switch
    {
        null => "–",
        _ when v.Value == Math.Floor(v.Value) => v.Value.ToString("0"),
        >= 100 => v.Value.ToString("0"),
        >= 10 => v.Value.ToString("0.0"),
        _ => v.Value.ToString("0.00"),
    };

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : null;
}
