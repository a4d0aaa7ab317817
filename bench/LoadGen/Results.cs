using System.Diagnostics;

namespace ActorOrders.LoadGen;

/// <summary>Latency percentiles in milliseconds, from exact samples (nearest rank).</summary>
internal sealed record Latency(double P50, double P90, double P99, double Max, double Mean)
{
    public static Latency FromTicks(IEnumerable<List<long>> perClient)
    {
        var all = perClient.SelectMany(l => l).ToArray();
        if (all.Length == 0) return new(0, 0, 0, 0, 0);
        Array.Sort(all);
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double P(double q) => Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)]);
        return new(P(0.50), P(0.90), P(0.99), Ms(all[^1]), Ms((long)all.Average()));
    }
}

/// <summary>Errors of a phase: HTTP answers by status code and failures without an answer.</summary>
internal sealed record Errors(SortedDictionary<int, long> Http, long Transport, string? FirstTransport)
{
    public long Total => Http.Values.Sum() + Transport;

    public static Errors Merge(IReadOnlyCollection<ClientState> states)
    {
        var http = new SortedDictionary<int, long>();
        foreach (var (status, n) in states.SelectMany(s => s.HttpErrors)) http[status] = http.GetValueOrDefault(status) + n;
        return new(http, states.Sum(s => s.TransportErrors), states.Select(s => s.FirstTransportError).FirstOrDefault(e => e is not null));
    }

    public override string ToString() =>
        (Http.Count == 0 ? "HTTP errors none" : "HTTP errors " + string.Join(", ", Http.Select(kv => $"{kv.Key}×{kv.Value}")))
        + $"; transport errors {Transport}" + (FirstTransport is null ? "" : $" (first: {FirstTransport})");
}

internal sealed record OrderPhaseResult(
    int Orders, TimeSpan Elapsed, Latency Latency, long Finished, long Gets, Errors Errors,
    IReadOnlyDictionary<Terminal, long> Observed, int MismatchCount, IReadOnlyList<string> FirstMismatches, int Unfinished, int Refused)
{
    public static OrderPhaseResult Merge(int orders, TimeSpan elapsed, ClientState[] states)
    {
        var observed = Enum.GetValues<Terminal>().Where(t => t != Terminal.None)
            .ToDictionary(t => t, t => states.Sum(s => s.Observed[(int)t]));
        var mismatches = states.SelectMany(s => s.Mismatches).ToList();
        return new(orders, elapsed, Latency.FromTicks(states.Select(s => s.LatencyTicks)), states.Sum(s => s.LatencyTicks.Count),
            states.Sum(s => s.Gets), Errors.Merge(states), observed, mismatches.Count, [.. mismatches.Take(5)],
            states.Sum(s => s.Unfinished), states.Sum(s => s.Refused));
    }

    public double PerSecond => Orders / Elapsed.TotalSeconds;
}

internal sealed record GetPhaseResult(long Gets, TimeSpan Elapsed, Latency Latency, Errors Errors, CpuUse Cpu)
{
    public double PerSecond => Gets / Elapsed.TotalSeconds;
}
