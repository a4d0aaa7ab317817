using Akka.Actor;
using ActorOrders.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorOrders.Participants.Http;

/// <summary>Where the participants endpoints find the simulators' ledger in this process.</summary>
public sealed class ParticipantsEndpointOptions
{
    /// <summary>The ledger actor (answers <see cref="GetLedger"/> and <see cref="HealCustomer"/>), or null when this process has none.</summary>
    public required Func<IServiceProvider, IActorRef?> Ledger { get; init; }

    /// <summary>The 404 problem's detail when <see cref="Ledger"/> is null: say where the ledger is instead.</summary>
    public string NoLedgerDetail { get; init; } = "This process runs no simulated participants.";

    /// <summary>How long a request waits for the ledger before 503.</summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// GET /participants/ledger[?orderId=] and POST /participants/heal?customerIdPrefix=: the simulators'
/// ledger (<see cref="LedgerReport"/>, camelCase JSON like the order API) and the healing of
/// <c>norefund</c> customers. Served by the participants host and by a node that runs the simulators itself.
/// </summary>
public static class ParticipantsEndpoints
{
    public static IEndpointRouteBuilder MapParticipantsEndpoints(this IEndpointRouteBuilder app, ParticipantsEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        app.MapGet("/participants/ledger", (string? orderId, HttpContext ctx) => LedgerAsync(orderId, ctx, options))
            .WithTags("Participants")
            .WithName("GetLedger")
            .WithDescription("What the simulated participants charged, reserved, shipped, refunded and released, per order: the way to check consistency.")
            .Produces<LedgerReport>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        app.MapPost("/participants/heal", (string? customerIdPrefix, HttpContext ctx) => HealAsync(customerIdPrefix, ctx, options))
            .WithTags("Participants")
            .WithName("HealCustomer")
            .WithDescription("Makes refunds of customers whose id starts with customerIdPrefix succeed again (the 'norefund' test value), so POST /orders/{id}/retry can finish their compensation.")
            .Produces<CustomerHealed>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> LedgerAsync(string? orderId, HttpContext ctx, ParticipantsEndpointOptions options)
    {
        if (options.Ledger(ctx.RequestServices) is not { } ledger) return NoLedger(options);
        try
        {
            var query = new GetLedger(string.IsNullOrEmpty(orderId) ? null : orderId);
            return Results.Json(await ledger.Ask<LedgerReport>(query, options.AskTimeout, ctx.RequestAborted), OrderJson.Options);
        }
        catch (Exception ex) when (ex is AskTimeoutException or TimeoutException)
        {
            return Results.Problem("The ledger did not answer in time.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> HealAsync(string? customerIdPrefix, HttpContext ctx, ParticipantsEndpointOptions options)
    {
        if (string.IsNullOrWhiteSpace(customerIdPrefix))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["customerIdPrefix"] = ["is required."] }, "customerIdPrefix: is required.");
        if (options.Ledger(ctx.RequestServices) is not { } ledger) return NoLedger(options);
        try
        {
            return Results.Json(await ledger.Ask<CustomerHealed>(new HealCustomer(customerIdPrefix), options.AskTimeout, ctx.RequestAborted), OrderJson.Options);
        }
        catch (AskTimeoutException)
        {
            return Results.Problem("The simulators did not answer in time.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult NoLedger(ParticipantsEndpointOptions options) =>
        Results.Problem(options.NoLedgerDetail, statusCode: StatusCodes.Status404NotFound, title: "No participants ledger here.");
}
