using System.Diagnostics;

namespace ActorOrders.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (never "sleep long enough").</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline) throw new TimeoutException($"Not true within {deadline.TotalSeconds} s: {what}.");
            await Task.Delay(Interval);
        }
    }

    public static async Task<T> Value<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value)) return value;
            if (clock.Elapsed > deadline) throw new TimeoutException($"Not true within {deadline.TotalSeconds} s: {what}; last value: {value}.");
            await Task.Delay(Interval);
        }
    }
}
