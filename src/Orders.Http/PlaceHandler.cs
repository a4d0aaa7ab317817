using ActorOrders.Contracts;
using ActorOrders.Http.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ActorOrders.Http;

/// <summary>
/// POST /orders: parse, pick the id, validate, place. The id is the body's <c>orderId</c>, else the
/// one the caller's <c>Idempotency-Key</c> derives (<see cref="Caller.OrderIdFor"/>), else a new one.
/// Idempotency needs no store: the same key names the same order on every gateway, and the order
/// itself decides — placed again with the same content it answers "already placed", with other content "conflict".
/// </summary>
internal static class PlaceHandler
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Longest accepted idempotency key.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>
    /// The status every order has when its placement is acknowledged (OrderPlaced leads to
    /// AwaitingPayment): the body a replay repeats, whatever the order's status is by then.
    /// </summary>
    public const OrderStatus StatusWhenPlaced = OrderStatus.AwaitingPayment;

    public static async Task<IResult> HandleAsync(HttpContext ctx, IOrderClient client, IOptions<OrderHttpOptions> options)
    {
        var (body, error) = await RequestBody.ReadAsync<PlaceOrderRequest>(ctx.Request, options.Value.MaxBodyBytes, optional: false, ctx.RequestAborted);
        if (error is not null) return error;

        var caller = Caller.Of(ctx);
        var key = ctx.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 0 && (key.Length > MaxKeyLength || !key.All(c => c is > ' ' and < (char)127)))
            return Problems.Invalid(IdempotencyHeader, $"must be 1 to {MaxKeyLength} visible ASCII characters.");

        var explicitId = !string.IsNullOrEmpty(body!.OrderId);
        var fromKey = !explicitId && key.Length > 0;
        var orderId = explicitId ? body.OrderId! : fromKey ? caller.OrderIdFor(key) : Guid.CreateVersion7().ToString();

        var (untraced, missing) = body.ToCommand(orderId);
        // The order continues this request's trace (its steps, the Kafka records, the published events).
        var command = untraced with { TraceParent = Telemetry.TelemetryWiring.CurrentTraceParent() };
        using var scope = ctx.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("ActorOrders.Http.Orders").BeginScope(new Dictionary<string, object> { ["OrderId"] = orderId });
        var errors = missing
            .Concat(PlaceOrderValidator.Validate(command))
            .Select(e => fromKey && e.Field == "orderId" ? e with { Field = IdempotencyHeader } : e)
            .ToList();
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!caller.MayAccess(command.CustomerId))
            return Problems.Forbidden($"This client places orders for customer '{caller.CustomerId}' only.");

        return await OrderEndpoints.Guard(ctx, async ct => await client.AskAsync(command, ct) switch
        {
            OrderAccepted { Created: false } a when key.Length > 0 => Replayed(ctx, a),
            OrderAccepted a => Placed(ctx, a),
            OrderCommandRejected { Code: RejectionCode.Conflict } when fromKey => Problems.KeyReused(key),
            OrderCommandRejected r => Problems.Refused(r),
            var other => Problems.Unexpected(other),
        });
    }

    private static IResult Placed(HttpContext ctx, OrderAccepted accepted)
    {
        ctx.Response.Headers.Location = $"/orders/{accepted.OrderId}";
        return Results.Json(
            new OrderPlacedResponse(accepted.OrderId, accepted.Status),
            OrderJson.Options,
            statusCode: accepted.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    // The same key and body again: the first answer again (201 and its body), marked as a replay.
    private static IResult Replayed(HttpContext ctx, OrderAccepted accepted)
    {
        ctx.Response.Headers.Location = $"/orders/{accepted.OrderId}";
        ctx.Response.Headers[ReplayedHeader] = "true";
        return Results.Json(new OrderPlacedResponse(accepted.OrderId, StatusWhenPlaced), OrderJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
