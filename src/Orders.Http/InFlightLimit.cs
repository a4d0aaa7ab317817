using Microsoft.AspNetCore.Http;

namespace ActorOrders.Http;

/// <summary>Bounds the order requests in progress; beyond the bound a request is refused at once with 503.</summary>
internal sealed class InFlightLimit(int max) : IEndpointFilter
{
    private int _inFlight;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            if (Interlocked.Increment(ref _inFlight) > max)
                return Problems.Unavailable(context.HttpContext, $"More than {max} order requests are in progress.", TimeSpan.FromSeconds(1));
            return await next(context);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
