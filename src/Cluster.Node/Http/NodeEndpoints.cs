using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;
using ActorOrders.Participants;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ActorOrders.Node.Http;

/// <summary>Endpoints of the node itself: health and the simulators' ledger.</summary>
public static class NodeEndpoints
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    public static WebApplication MapNodeEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });

        app.MapGet("/participants/ledger", LedgerAsync)
            .WithTags("Participants")
            .WithName("GetLedger")
            .WithDescription("What the simulated participants charged, reserved, shipped, refunded and released, per order: the way to check consistency.")
            .Produces<LedgerReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/participants/heal", HealAsync)
            .WithTags("Participants")
            .WithName("HealCustomer")
            .WithDescription("Makes refunds of customers whose id starts with customerIdPrefix succeed again (the 'norefund' test value), so POST /orders/{id}/retry can finish their compensation.")
            .Produces<CustomerHealed>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> HealAsync(string? customerIdPrefix, ActorRegistry registry, NodeSettings settings, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(customerIdPrefix))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["customerIdPrefix"] = ["is required."] }, "customerIdPrefix: is required.");
        if (!registry.TryGet<ParticipantsLedger>(out var ledger))
            return Results.Problem("This node runs no simulated participants.", statusCode: StatusCodes.Status404NotFound);
        try
        {
            return Results.Json(await ledger.Ask<CustomerHealed>(new HealCustomer(customerIdPrefix), settings.Http.AskTimeout, ct), OrderJson.Options);
        }
        catch (AskTimeoutException)
        {
            return Results.Problem("The simulators did not answer in time.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> LedgerAsync(string? orderId, ActorRegistry registry, NodeSettings settings, CancellationToken ct)
    {
        if (!registry.TryGet<ParticipantsLedger>(out var ledger))
            return Results.Problem("This node runs no simulated participants.", statusCode: StatusCodes.Status404NotFound);
        try
        {
            var report = await ledger.Ask<LedgerReport>(new GetLedger(string.IsNullOrEmpty(orderId) ? null : orderId), settings.Http.AskTimeout, ct);
            return Results.Json(report, OrderJson.Options);
        }
        catch (AskTimeoutException)
        {
            return Results.Problem("The ledger did not answer in time.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
