using ActorOrders.LoadGen;

// Usage:
//   dotnet run -c Release --project bench/LoadGen -- perf [--journal sqlite|memory|postgres] [--orders 20000] [--in-flight 256] [--warmup 2000] [--set Key=Value ...]
//   dotnet run -c Release --project bench/LoadGen -- verify [--url http://127.0.0.1:5080] [--orders 1000] [--concurrency 64]
var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "verify" => await VerifyRun.RunAsync(
        new Uri(options.Get("url", "http://127.0.0.1:5080")),
        options.GetInt("orders", 1000),
        options.GetInt("concurrency", 64),
        TimeSpan.FromSeconds(options.GetInt("deadline-seconds", 120))),
    "perf" => await PerfRun.RunAsync(
        options.Get("journal", "sqlite"),
        options.GetInt("orders", 20_000),
        options.GetInt("in-flight", 256),
        options.GetInt("warmup", 2_000),
        options.Settings()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: LoadGen verify [--url URL] [--orders N] [--concurrency N] [--deadline-seconds N]");
    Console.Error.WriteLine("       LoadGen perf [--journal sqlite|memory|postgres] [--orders N] [--in-flight N] [--warmup N] [--set Key=Value;Key=Value]");
    return 2;
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal)) { key = arg[2..]; values[key] = "true"; }
            else if (key is not null) { values[key] = arg; key = null; }
            else throw new ArgumentException($"unexpected argument '{arg}'");
        }

        return new Options(values);
    }

    /// <summary>Node configuration overrides from --set "Key=Value;Key=Value" (e.g. ActorOrders:Persistence:BatchSize=200).</summary>
    public IDictionary<string, string?> Settings() =>
        values.TryGetValue("set", out var pairs)
            ? pairs.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1])
            : new Dictionary<string, string?>();

    public string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);

    public int GetInt(string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"--{key} must be a positive whole number") : fallback;
}
