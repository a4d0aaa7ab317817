using ActorOrders.Contracts.Admin;

namespace ActorOrders.Node.Admin;

/// <summary><c>GET /projections</c>: the slices, offsets and lag this node's ProjectionMonitor holds.</summary>
internal static class ProjectionRoutes
{
    public static RouteGroupBuilder MapProjectionRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/projections", (AdminContext a) => Results.Ok(new ProjectionSlices([.. a.Monitor.Snapshot().Select(s => new ProjectionSlice(
            s.Projection, s.Slice, s.Running, s.Backfilling, s.StoredOffset, s.EventsHandled, s.LagEvents, s.LagSeconds, s.LastBatchAt, s.LastError, s.LastErrorAt))])));
        return api;
    }
}
