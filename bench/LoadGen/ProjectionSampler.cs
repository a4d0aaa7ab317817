using System.Diagnostics;
using ActorOrders.Projections;
using ActorOrders.ReadSide.ReadModel;

namespace ActorOrders.LoadGen;

/// <summary>
/// How far the read model trails the orders during a perf phase: every interval it counts the
/// phase's finished orders and the phase's rows the projection has already marked finished. The
/// delay at each 1,000th order is how long after that order finished its row showed it — what a
/// listing user waits for under this load; the catch-up is the delay after the last one.
/// </summary>
public sealed class ProjectionSampler(ProjectionDatabase database, string idPrefix, Func<int> finished, TimeSpan interval)
{
    private readonly List<(double Ms, int Finished, int Projected)> _samples = [];

    public async Task<ProjectionLag> RunAsync(int total, Task allFinished, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var done = finished();
            var projected = await ProjectedAsync();
            _samples.Add((clock.Elapsed.TotalMilliseconds, done, projected));
            if (allFinished.IsCompleted && projected >= total) break;
            await Task.Delay(interval); // sampling a running system, not waiting in a test
        }

        return Summarize(total);
    }

    private ProjectionLag Summarize(int total)
    {
        double? FirstTime(Func<(double Ms, int Finished, int Projected), bool> reached) =>
            _samples.FirstOrDefault(reached) is { Ms: > 0 } s ? s.Ms : null;

        var delays = new List<double>();
        for (var k = 1000; k <= total; k += 1000)
        {
            if (FirstTime(s => s.Finished >= k) is { } f && FirstTime(s => s.Projected >= k) is { } p) delays.Add(Math.Max(0, p - f));
        }

        delays.Sort();
        var lastFinished = FirstTime(s => s.Finished >= total);
        var caughtUp = FirstTime(s => s.Projected >= total);
        return new ProjectionLag(
            delays.Count == 0 ? null : Math.Round(delays[delays.Count / 2], 0),
            delays.Count == 0 ? null : Math.Round(delays[^1], 0),
            lastFinished is { } lf && caughtUp is { } cu ? Math.Round(Math.Max(0, cu - lf), 0) : null,
            _samples.Count == 0 ? 0 : _samples.Max(s => s.Finished - s.Projected),
            _samples.LastOrDefault().Projected);
    }

    private async Task<int> ProjectedAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var tx = await database.BeginReadAsync(connection);
        await using var command = connection.CreateCommand(tx,
            $"SELECT COUNT(*) FROM {OrderReadModelSchema.Table} WHERE status IN ('Completed', 'Rejected', 'Cancelled') AND order_id LIKE @prefix");
        command.AddParameter("prefix", idPrefix + "%");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The read model's delay behind the orders: median and worst at each 1,000th order, after the last, most orders behind.</summary>
public sealed record ProjectionLag(double? MedianDelayMs, double? MaxDelayMs, double? CatchUpMs, int MostBehind, int Projected);
