using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Http;

/// <summary>Writes a problem+json answer from middleware (auth, rate limits), where no endpoint result runs.</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext ctx, int status, string title, string detail)
    {
        if (ctx.Response.HasStarted) return;
        ctx.Response.StatusCode = status;
        var problems = ctx.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
