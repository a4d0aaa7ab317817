using System.Globalization;

namespace ActorOrders.Contracts.Admin;

/// <summary>
/// The duration format of the admin API and the console (<c>olderThan=5m</c>, <c>--older-than 90s</c>):
/// a whole number followed by s, m, h or d.
/// </summary>
public static class Durations
{
    /// <summary>Parses "90s", "5m", "2h", "1d"; false for anything else (also zero and negatives).</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2) return false;
        var unit = text[^1];
        if (!long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 100_000) return false;
        TimeSpan? parsed = unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        if (parsed is not { } value) return false;
        duration = value;
        return true;
    }

    /// <summary>The shortest exact form: 90s, 5m, 2h, 1d.</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0 ? $"{duration.Ticks / TimeSpan.TicksPerDay}d"
        : duration.Ticks % TimeSpan.TicksPerHour == 0 ? $"{duration.Ticks / TimeSpan.TicksPerHour}h"
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? $"{duration.Ticks / TimeSpan.TicksPerMinute}m"
        : $"{(long)duration.TotalSeconds}s";
}
