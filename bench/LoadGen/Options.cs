namespace ActorOrders.LoadGen;

/// <summary>The command line after the mode: <c>--key value</c> pairs and bare <c>--flag</c>s.</summary>
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

    public string? Find(string key) => values.GetValueOrDefault(key);

    public int GetInt(string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.TryParse(v, out var n) && n > 0 ? n : throw new ArgumentException($"--{key} must be a positive whole number") : fallback;

    /// <summary>Like <see cref="GetInt"/> but 0 is allowed (0 switches a phase off).</summary>
    public int GetCount(string key, int fallback) =>
        values.TryGetValue(key, out var v) ? int.TryParse(v, out var n) && n >= 0 ? n : throw new ArgumentException($"--{key} must be 0 or a positive whole number") : fallback;
}
