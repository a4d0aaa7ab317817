using System.Globalization;

namespace ActorOrders.Cli.Commands;

/// <summary>How the text output writes times, ages and counts.</summary>
internal static class Text
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Age(TimeSpan age) =>
        age < TimeSpan.Zero ? "0s"
        : age.TotalMinutes < 1 ? $"{(int)age.TotalSeconds}s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes}m{age.Seconds:00}s"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours}h{age.Minutes:00}m"
        : $"{(int)age.TotalDays}d{age.Hours:00}h";

    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}
