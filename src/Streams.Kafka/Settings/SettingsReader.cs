using System.Globalization;
using Akka.Configuration;
using Akka.Configuration.Hocon;

namespace ActorOrders.Streams.Kafka.Settings;

/// <summary>
/// Turns a HOCON section or a Microsoft.Extensions.Configuration-style flat key/value list into
/// stage settings plus the librdkafka properties found under <c>kafka-clients</c>.
/// </summary>
internal static class SettingsReader
{
    internal const string ClientsSection = "kafka-clients";

    /// <summary>Flattens a HOCON section: nested objects become dotted librdkafka keys.</summary>
    public static (Dictionary<string, string> Stage, Dictionary<string, string> Clients) FromHocon(Config section)
    {
        var stage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in section.AsEnumerable())
        {
            if (key == ClientsSection)
                Flatten(value, "", clients);
            else if (value.IsObject())
                throw new KafkaSettingsException(key, "unknown section");
            else
                stage[key] = value.GetString();
        }
        return (stage, clients);
    }

    /// <summary>
    /// Reads keys like <c>Kafka:max-buffered-records</c> and
    /// <c>Kafka:kafka-clients:bootstrap.servers</c> (the shape MEC gives a JSON section).
    /// </summary>
    public static (Dictionary<string, string> Stage, Dictionary<string, string> Clients) FromKeyValues(
        IEnumerable<KeyValuePair<string, string?>> pairs, string section)
    {
        var stage = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var clients = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = string.IsNullOrEmpty(section) ? "" : section + ":";
        var clientsPrefix = prefix + ClientsSection + ":";
        foreach (var (key, value) in pairs)
        {
            if (value is null || !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                continue;
            if (key.StartsWith(clientsPrefix, StringComparison.OrdinalIgnoreCase))
                clients[key[clientsPrefix.Length..]] = value;
            else
                stage[key[prefix.Length..]] = value;
        }
        return (stage, clients);
    }

    private static void Flatten(HoconValue value, string prefix, Dictionary<string, string> into)
    {
        foreach (var (key, child) in value.GetObject().Items)
        {
            var path = prefix.Length == 0 ? key : prefix + "." + key;
            if (child.IsObject())
                Flatten(child, path, into);
            else
                into[path] = child.GetString();
        }
    }

    public static int PositiveInt(string key, string raw)
    {
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw new KafkaSettingsException(key, $"expected a positive integer, got '{raw}'");
        return n;
    }

    public static int NonNegativeInt(string key, string raw)
    {
        if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0)
            throw new KafkaSettingsException(key, $"expected a non-negative integer, got '{raw}'");
        return n;
    }

    /// <summary>Accepts HOCON-style durations (<c>50ms</c>, <c>5s</c>, <c>1m</c>) and <c>hh:mm:ss</c>.</summary>
    public static TimeSpan Duration(string key, string raw)
    {
        var s = raw.Trim();
        (string Suffix, double Ms)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, ms) in units)
        {
            if (s.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(s[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                && v > 0)
                return TimeSpan.FromMilliseconds(v * ms);
        }
        if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero)
            return t;
        throw new KafkaSettingsException(key, $"expected a positive duration such as '50ms' or '5s', got '{raw}'");
    }

    public static TimeSpan PositiveDuration(string key, TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new KafkaSettingsException(key, $"must be positive, got {value}");

    public static int Positive(string key, int value) =>
        value > 0 ? value : throw new KafkaSettingsException(key, $"must be positive, got {value}");

    public static void RejectUnknown(IEnumerable<string> keys, IReadOnlySet<string> known)
    {
        foreach (var key in keys)
        {
            if (!known.Contains(key))
                throw new KafkaSettingsException(key, $"unknown setting; known settings are {string.Join(", ", known)} and the '{ClientsSection}' section");
        }
    }
}
