using ActorOrders.Http.Security;
using ActorOrders.Http.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Http;

/// <summary>
/// What every process serving the order API puts in front of its endpoints, in one implementation
/// for the node and the gateway: request ids, HTTP metrics, authentication (API keys or JWT, required
/// for everything but probes once configured, and required to listen off loopback), per-client rate
/// limits, problem details for every error.
/// </summary>
public static class OrderHttpPipeline
{
    /// <summary>
    /// Reads <c>ActorOrders:Auth</c> and <c>ActorOrders:RateLimit</c>, refuses a listener off loopback
    /// without authentication (throws, naming the settings), and registers the services. Call it after
    /// the default URL is set.
    /// </summary>
    public static WebApplicationBuilder AddOrderHttpPipeline(this WebApplicationBuilder builder, string process)
    {
        var security = ApiSecurityOptions.Load(builder.Configuration);
        ListenerGuard.Check(builder.Configuration, security, process);
        // Every problem names the request's X-Request-Id, so a client's report finds the log lines.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx => ctx.ProblemDetails.Extensions["requestId"] = ctx.HttpContext.TraceIdentifier);
        builder.Services.AddOrderAuthentication(security);
        builder.Services.AddOrderRateLimits(security.RateLimit);
        builder.AddOrderTelemetry(process);
        return builder;
    }

    /// <summary>The middleware, in order: request id, metrics, authentication, rate limit, authorization.</summary>
    public static WebApplication UseOrderHttpPipeline(this WebApplication app)
    {
        var security = app.Services.GetRequiredService<ApiSecurityOptions>();
        app.UseMiddleware<RequestIds>();
        if (app.Services.GetRequiredService<OrderMetricsOptions>().Enabled) app.UseMiddleware<HttpMetricsMiddleware>();
        app.UseAuthentication();
        if (security.RateLimit.PermitsPerSecond > 0) app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
