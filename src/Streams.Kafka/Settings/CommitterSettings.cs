using Akka.Configuration;

namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>How the committer batches offsets.</summary>
public sealed record CommitterSettings
{
    /// <summary>Stage-level keys accepted by <see cref="FromConfig"/>.</summary>
    public static readonly IReadOnlySet<string> StageKeys =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "max-batch", "max-interval", "parallelism" };

    private CommitterSettings() { }

    /// <summary>Defaults: 1,000 offsets or 500 ms, whichever comes first, two commits in flight.</summary>
    public static CommitterSettings Default { get; } = new();

    /// <summary>A batch is committed once it covers this many messages.</summary>
    public int MaxBatch { get; private init; } = 1000;

    /// <summary>A non-empty batch is committed at the latest this long after its first offset arrived.</summary>
    public TimeSpan MaxInterval { get; private init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most commits in flight; upstream is back-pressured beyond it.</summary>
    public int Parallelism { get; private init; } = 2;

    /// <summary>Settings from a HOCON section with keys <c>max-batch</c>, <c>max-interval</c>, <c>parallelism</c>.</summary>
    public static CommitterSettings FromConfig(Config section)
    {
        var (stage, clients) = SettingsReader.FromHocon(section);
        if (clients.Count > 0)
            throw new KafkaSettingsException(SettingsReader.ClientsSection, "the committer takes no client properties");
        return FromPairs(stage);
    }

    /// <summary>Settings from flat keys such as <c>Committer:max-batch</c>.</summary>
    public static CommitterSettings FromKeyValues(IEnumerable<KeyValuePair<string, string?>> pairs, string section = "Committer") =>
        FromPairs(SettingsReader.FromKeyValues(pairs, section).Stage);

    private static CommitterSettings FromPairs(Dictionary<string, string> stage)
    {
        SettingsReader.RejectUnknown(stage.Keys, StageKeys);
        var s = Default;
        foreach (var (key, raw) in stage)
        {
            s = key.ToLowerInvariant() switch
            {
                "max-batch" => s.WithMaxBatch(SettingsReader.PositiveInt(key, raw)),
                "max-interval" => s.WithMaxInterval(SettingsReader.Duration(key, raw)),
                _ => s.WithParallelism(SettingsReader.PositiveInt(key, raw)),
            };
        }
        return s;
    }

    /// <summary>See <see cref="MaxBatch"/>.</summary>
    public CommitterSettings WithMaxBatch(int value) => this with { MaxBatch = SettingsReader.Positive("max-batch", value) };

    /// <summary>See <see cref="MaxInterval"/>.</summary>
    public CommitterSettings WithMaxInterval(TimeSpan value) =>
        this with { MaxInterval = SettingsReader.PositiveDuration("max-interval", value) };

    /// <summary>See <see cref="Parallelism"/>.</summary>
    public CommitterSettings WithParallelism(int value) => this with { Parallelism = SettingsReader.Positive("parallelism", value) };
}
