using ActorOrders.Contracts;
using ActorOrders.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ActorOrders.Http;

/// <summary>
/// The order endpoints. They depend only on <see cref="IOrderClient"/> and <see cref="IOrderEventReader"/>,
/// so the same code serves from the node and from the gateway.
/// </summary>
public static class OrderEndpoints
{
    /// <summary>Registers the JSON options, limits and problem details the endpoints use.</summary>
    public static IServiceCollection AddOrderHttp(this IServiceCollection services, Action<OrderHttpOptions>? configure = null)
    {
        services.AddOptions<OrderHttpOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton<IRunningOrderViews, NoRunningOrders>();
        services.TryAddSingleton<IFinishedOrderViews, NoFinishedOrderViews>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps POST /orders, GET /orders, GET /orders/{id}, GET /orders/{id}/events, POST /orders/{id}/cancel and POST /orders/{id}/retry.</summary>
    public static RouteGroupBuilder MapOrderEndpoints(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<OrderHttpOptions>>().Value;
        var orders = app.MapGroup("/orders")
            .WithTags("Orders")
            .AddEndpointFilter(new InFlightLimit(options.MaxInFlight))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapPost("/", PlaceHandler.HandleAsync)
            .WithName("PlaceOrder")
            .Accepts<PlaceOrderRequest>("application/json")
            .Produces<OrderPlacedResponse>(StatusCodes.Status201Created)
            .Produces<OrderPlacedResponse>(StatusCodes.Status200OK)
            .WithSummary("Place an order")
            .WithDescription(
                "Places an order; totals are computed by the server. Idempotency-Key: the same key with the same body answers the first " +
                "answer again (Idempotent-Replayed: true), from any gateway; with another body 422. An explicit orderId taken by another order: 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/", ListHandler.HandleAsync)
            .WithName("ListOrders")
            .WithSummary("List orders (read model)")
            .WithDescription(
                "Orders from the read model, newest first (placedAt desc, orderId desc). Filters: status (comma-separated), " +
                "customerId, updatedBefore (ISO 8601); limit 1-500 (default 50); cursor = the previous page's next. " +
                "The list may lag the orders by about a second; GET /orders/{id} never lags.")
            .Produces<OrderListResponse>();

        orders.MapGet("/{id}", GetAsync)
            .WithName("GetOrder")
            .WithSummary("Get an order")
            .Produces<OrderView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapGet("/{id}/events", EventsAsync)
            .WithName("GetOrderEvents")
            .WithSummary("Get an order's stored events")
            .Produces<IReadOnlyList<StoredOrderEvent>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/{id}/cancel", CancelAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order before it ships")
            .Accepts<CancelOrderRequest>("application/json")
            .Produces<OrderPlacedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{id}/retry", RetryAsync)
            .WithName("RetryOrder")
            .WithSummary("Retry the compensation of an order in AttentionRequired")
            .Produces<OrderPlacedResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return orders;
    }

    // A live (or recently finished) order from memory; a finished one from the read model; else the order itself.
    // A running order's view is answered synchronously (the node's hot path: no message, no state machine).
    private static Task<IResult> GetAsync(string id, HttpContext ctx, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished) =>
        running.Find(id) is { } live && Caller.Of(ctx).MayAccess(live.CustomerId)
            ? Task.FromResult<IResult>(Results.Json(live, OrderJson.Options))
            : ForValidId(id, ctx, async ct => await ViewAsync(id, client, running, finished, ct) switch
            {
                OrderView view when Caller.Of(ctx).MayAccess(view.CustomerId) => Results.Json(view, OrderJson.Options),
                OrderView or OrderNotFound => Problems.NotFound(id),
                var other => Problems.Unexpected(other),
            });

    private static async ValueTask<object> ViewAsync(string id, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished, CancellationToken ct) =>
        running.Find(id) ?? await finished.FindAsync(id, ct) ?? await client.AskAsync(new GetOrder(id), ct);

    internal static Task<IResult> EventsAsync(string id, HttpContext ctx, IOrderEventReader events, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished) =>
        ForValidId(id, ctx, async ct =>
        {
            if (await DeniedAsync(id, ctx, client, running, finished, ct) is { } denied) return denied;
            return await events.ReadAsync(id, ct) is { Count: > 0 } stored ? Results.Json(stored, OrderJson.Options) : Problems.NotFound(id);
        });

    private static async Task<IResult> CancelAsync(string id, HttpContext ctx, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished, IOptions<OrderHttpOptions> options)
    {
        var (body, error) = await RequestBody.ReadAsync<CancelOrderRequest>(ctx.Request, options.Value.MaxBodyBytes, optional: true, ctx.RequestAborted);
        if (error is not null) return error;
        var reason = string.IsNullOrWhiteSpace(body?.Reason) ? "Cancelled on request." : body.Reason;
        if (reason.Length > 500) return Problems.Invalid("reason", "must be at most 500 characters.");
        return await ForValidId(id, ctx, async ct =>
            await DeniedAsync(id, ctx, client, running, finished, ct) ?? Accepted(await client.AskAsync(new CancelOrder(id, reason), ct)));
    }

    private static Task<IResult> RetryAsync(string id, HttpContext ctx, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished) =>
        ForValidId(id, ctx, async ct =>
            await DeniedAsync(id, ctx, client, running, finished, ct) ?? Accepted(await client.AskAsync(new RetryOrder(id), ct)));

    /// <summary>
    /// For a caller bound to a customer: 404 unless the order is that customer's (the same answer as
    /// for an unknown id, so nothing tells a caller which ids exist). Others are never denied here.
    /// </summary>
    private static async Task<IResult?> DeniedAsync(string id, HttpContext ctx, IOrderClient client, IRunningOrderViews running, IFinishedOrderViews finished, CancellationToken ct)
    {
        var caller = Caller.Of(ctx);
        if (caller.CustomerId is null) return null;
        return await ViewAsync(id, client, running, finished, ct) is OrderView view && caller.MayAccess(view.CustomerId) ? null : Problems.NotFound(id);
    }

    private static IResult Accepted(object reply) => reply switch
    {
        OrderAccepted a => Results.Json(new OrderPlacedResponse(a.OrderId, a.Status), OrderJson.Options, statusCode: StatusCodes.Status202Accepted),
        OrderCommandRejected r => Problems.Refused(r),
        OrderNotFound n => Problems.NotFound(n.OrderId),
        _ => Problems.Unexpected(reply),
    };

    /// <summary>
    /// Validates the id, then lets the order answer: a live order answers from memory; an unknown
    /// id starts an entity that finds no events, answers not-found and stops, storing nothing
    /// (sharding does not remember entities; sagas are resumed from the read model instead).
    /// </summary>
    private static async Task<IResult> ForValidId(string id, HttpContext ctx, Func<CancellationToken, Task<IResult>> handle)
    {
        var errors = new List<FieldError>();
        PlaceOrderValidator.Id(errors, "id", id);
        if (errors.Count > 0) return Problems.Invalid(errors);
        return await Guard(ctx, handle);
    }

    /// <summary>
    /// Turns "no answer in time" into 503 with Retry-After; a client that went away ends the wait
    /// (its token cancels the ask) and gets no answer.
    /// </summary>
    internal static async Task<IResult> Guard(HttpContext ctx, Func<CancellationToken, Task<IResult>> handle)
    {
        try
        {
            return await handle(ctx.RequestAborted);
        }
        catch (OrderServiceUnavailableException ex)
        {
            if (ex.InnerException is Akka.Actor.AskTimeoutException or TimeoutException) OrderHttpMetrics.AskTimedOut();
            return Problems.Unavailable(ctx, ex.Message, ex.RetryAfter);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
    }
}
