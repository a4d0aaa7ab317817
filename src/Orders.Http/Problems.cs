using System.Globalization;
using ActorOrders.Contracts;
using Microsoft.AspNetCore.Http;

namespace ActorOrders.Http;

/// <summary>Every error of the order API as application/problem+json.</summary>
internal static class Problems
{
    public static IResult Invalid(IEnumerable<FieldError> errors)
    {
        var byField = errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
        var detail = string.Join(" ", byField.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"));
        return Results.ValidationProblem(byField, detail, title: "The request is invalid.");
    }

    public static IResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static IResult NotFound(string orderId) =>
        Results.Problem($"No order has the id '{orderId}'.", statusCode: StatusCodes.Status404NotFound, title: "Order not found.");

    public static IResult Refused(OrderCommandRejected rejected) => rejected.Code switch
    {
        RejectionCode.NotFound => NotFound(rejected.OrderId),
        RejectionCode.Conflict => Results.Problem(rejected.Message, statusCode: StatusCodes.Status409Conflict, title: "The order id is taken by a different order."),
        RejectionCode.TooLate => Results.Problem(rejected.Message, statusCode: StatusCodes.Status409Conflict, title: "Too late for this command."),
        _ => Results.Problem(rejected.Message, statusCode: StatusCodes.Status409Conflict, title: "The command does not apply in the order's current status."),
    };

    public static IResult TooLarge(int max) =>
        Results.Problem($"The request body is larger than {max} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large.");

    public static IResult Unavailable(HttpContext ctx, string detail, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The order service is busy or unavailable; retry later.");
    }

    public static IResult UnsupportedMediaType(string? contentType) =>
        Results.Problem($"The request body must be application/json (was '{contentType ?? "none"}').",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");

    public static IResult KeyReused(string key) =>
        Results.Problem($"The {PlaceHandler.IdempotencyHeader} '{key}' was used with a different request body; use a new key for a new order.",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused with a different body.");

    public static IResult Forbidden(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    public static IResult Unexpected(object reply) =>
        Results.Problem($"Unexpected reply {reply.GetType().Name}.", statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected reply from the order.");
}
