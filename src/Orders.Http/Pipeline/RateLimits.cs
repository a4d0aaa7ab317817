using System.Globalization;
using System.Threading.RateLimiting;
using ActorOrders.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;

namespace ActorOrders.Http;

/// <summary>
/// ASP.NET Core's rate limiter, one token bucket per client (the authenticated client, else the remote
/// address); beyond it 429 problem+json with Retry-After. Probes and scrapers are never limited.
/// </summary>
internal static class RateLimits
{
    public static void AddOrderRateLimits(this IServiceCollection services, RateLimitOptions limit)
    {
        if (limit.PermitsPerSecond == 0) return;
        var burst = limit.Burst > 0 ? limit.Burst : limit.PermitsPerSecond;
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                OpenPaths.IsOpen(ctx.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("open")
                    : RateLimitPartition.GetTokenBucketLimiter(ClientKey(ctx), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = limit.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = async (rejected, _) =>
            {
                var ctx = rejected.HttpContext;
                var after = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                ctx.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(ctx, StatusCodes.Status429TooManyRequests, "Too many requests.",
                    $"This client may make {limit.PermitsPerSecond} requests per second (bursts of {burst}); retry after the Retry-After seconds.");
            };
        });
    }

    private static string ClientKey(HttpContext ctx) =>
        Caller.Of(ctx) is { IsAnonymous: false } caller ? "client:" + caller.ClientId : "ip:" + ctx.Connection.RemoteIpAddress;
}
