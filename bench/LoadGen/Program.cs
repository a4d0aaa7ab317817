using ActorOrders.LoadGen;

// Usage:
//   dotnet run -c Release --project bench/LoadGen -- verify [--url http://127.0.0.1:5080] [--orders 1000] [--concurrency 64]
var options = Options.Parse(args.Skip(1));
return args.FirstOrDefault() switch
{
    "verify" => await VerifyRun.RunAsync(
        new Uri(options.Get("url", "http://127.0.0.1:5080")),
        options.GetInt("orders", 1000),
        options.GetInt("concurrency", 64),
        TimeSpan.FromSeconds(options.GetInt("deadline-seconds", 120))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: LoadGen verify [--url URL] [--orders N] [--concurrency N] [--deadline-seconds N]");
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

    public string Get(string key, string fallback) => values.GetValueOrDefault(key, fallback);

    public int GetInt(string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"--{key} must be a positive whole number") : fallback;
}
