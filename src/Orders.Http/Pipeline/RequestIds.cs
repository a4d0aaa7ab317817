using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActorOrders.Http;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's when it sent a usable one, else a new one. It becomes
/// the request's TraceIdentifier (so problem details show it as traceId) and a logging scope of everything logged
/// while the request runs.
/// </summary>
internal sealed class RequestIds(RequestDelegate next, ILogger<RequestIds> log)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext ctx)
    {
        var id = ctx.Request.Headers[Header].ToString();
        if (!Usable(id)) id = Guid.CreateVersion7().ToString("N");
        ctx.TraceIdentifier = id;
        ctx.Response.OnStarting(() =>
        {
            ctx.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        // The order id of a by-id route is a scope too, so every line logged for an order's request names it.
        using var orderScope = ctx.Request.RouteValues.TryGetValue("id", out var orderId) && orderId is string o
            ? log.BeginScope(new Dictionary<string, object> { ["OrderId"] = o })
            : null;
        using (log.BeginScope("RequestId:{RequestId}", id))
        {
            await next(ctx);
            if (ctx.Response.StatusCode >= 500 && !Security.OpenPaths.IsOpen(ctx.Request.Path))
                log.LogWarning("Request {RequestId} {Method} {Path} answered {Status}", id, ctx.Request.Method, ctx.Request.Path, ctx.Response.StatusCode);
        }
    }

    // Echoed into a header and the logs: short, visible ASCII only.
    private static bool Usable(string id) => id.Length is > 0 and <= 128 && id.All(c => c is > ' ' and < (char)127);
}
