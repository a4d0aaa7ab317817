using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace ActorOrders.Http;

/// <summary>
/// GET /health/live and GET /health/ready, the same on every ActorOrders process: each runs the
/// health checks registered with its tag (the processes decide what "ready" means for them).
/// </summary>
public static class HealthEndpoints
{
    /// <summary>Tag of the checks behind /health/live (the process runs).</summary>
    public const string LiveTag = "live";

    /// <summary>Tag of the checks behind /health/ready (the process can serve).</summary>
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        return app;
    }
}
