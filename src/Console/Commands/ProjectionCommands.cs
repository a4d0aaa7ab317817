using System.Globalization;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;

namespace ActorOrders.Cli.Commands;

/// <summary><c>projections</c>: every slice's worker, offset and lag as the node's ProjectionMonitor holds them.</summary>
public sealed class ProjectionsCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var slices = await admin.GetAsync<ProjectionSlices>("projections", ct);
        return Print(settings, slices, o =>
        {
            foreach (var s in slices.Slices)
            {
                var lag = s.LagEvents is null ? "lag not measured yet" : $"lag {s.LagEvents} events, {(s.LagSeconds ?? 0).ToString("0.0", CultureInfo.InvariantCulture)} s";
                var worker = s.Backfilling ? "backfilling here" : s.RunningHere ? "running here" : "not here";
                o.WriteLine($"{s.Projection}/{s.Slice} | {worker} | offset {s.StoredOffset} | {lag}{(s.LastError is null ? "" : $" | last error {Text.Time(s.LastErrorAt ?? default)}: {s.LastError}")}");
            }

            o.WriteLine(Text.Count(slices.Slices.Count, "slice", "slices"));
        });
    }
}
