using ActorOrders.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ActorOrders.Http;

/// <summary>POST /orders: parse, pick the id (body, Idempotency-Key header, or a new one), validate, place.</summary>
internal static class PlaceHandler
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static async Task<IResult> HandleAsync(HttpContext ctx, IOrderClient client, IOptions<OrderHttpOptions> options)
    {
        var (body, error) = await RequestBody.ReadAsync<PlaceOrderRequest>(ctx.Request, options.Value.MaxBodyBytes, optional: false, ctx.RequestAborted);
        if (error is not null) return error;

        var header = ctx.Request.Headers[IdempotencyHeader].ToString();
        var fromHeader = string.IsNullOrEmpty(body!.OrderId) && !string.IsNullOrEmpty(header);
        if (!string.IsNullOrEmpty(body.OrderId) && !string.IsNullOrEmpty(header) && header != body.OrderId)
            return Problems.Invalid("orderId", $"does not match the {IdempotencyHeader} header.");
        var orderId = !string.IsNullOrEmpty(body.OrderId) ? body.OrderId : fromHeader ? header : Guid.CreateVersion7().ToString();

        var (command, missing) = body.ToCommand(orderId);
        var errors = missing
            .Concat(PlaceOrderValidator.Validate(command))
            .Select(e => fromHeader && e.Field == "orderId" ? e with { Field = IdempotencyHeader } : e)
            .ToList();
        if (errors.Count > 0) return Problems.Invalid(errors);

        return await OrderEndpoints.Guard(ctx, async ct => await client.AskAsync(command, ct) switch
        {
            OrderAccepted a => Placed(ctx, a),
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
}
