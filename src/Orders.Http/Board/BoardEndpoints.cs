using ActorOrders.Http.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorOrders.Http.Board;

/// <summary>
/// The live saga board: <c>GET /board</c> (one hand-written page, its script and style sheet embedded in this
/// assembly: no build step, nothing fetched from elsewhere) and <c>GET /board/data</c>, the JSON it polls. Served
/// by the node and the gateway alike, behind the listener's authentication like every order route. A caller
/// bound to a customer is refused (403): the board shows every customer's orders.
/// </summary>
public static class BoardEndpoints
{
    /// <summary>The board's path.</summary>
    public const string Path = "/board";

    // Same origin only, no inline script or style: the page can load nothing from anywhere else.
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly IReadOnlyDictionary<string, (byte[] Bytes, string Type)> Assets = Load();

    /// <summary>Registers the board's settings (<c>ActorOrders:Board</c>) and, unless one is registered, the cluster source.</summary>
    public static IServiceCollection AddOrderBoard(this IServiceCollection services, IConfiguration configuration, string servedBy)
    {
        services.AddSingleton(BoardOptions.Load(configuration));
        services.AddSingleton(new BoardServedBy(servedBy));
        services.TryAddSingleton<IBoardSource, ClusterBoardSource>();
        return services;
    }

    /// <summary>Maps <c>GET /board</c>, its two assets and <c>GET /board/data</c>.</summary>
    public static RouteGroupBuilder MapOrderBoard(this IEndpointRouteBuilder app)
    {
        var board = app.MapGroup(Path).ExcludeFromDescription().AddEndpointFilter(async (ctx, next) =>
            Caller.Of(ctx.HttpContext).CustomerId is { } customer
                ? Problems.Forbidden($"This client acts for customer '{customer}' only; the board shows every customer's orders.")
                : await next(ctx));

        board.MapGet("/", (HttpContext http) => Asset(http, "board.html"));
        board.MapGet("/board.js", (HttpContext http) => Asset(http, "board.js"));
        board.MapGet("/board.css", (HttpContext http) => Asset(http, "board.css"));
        board.MapGet("/order.js", (HttpContext http) => Asset(http, "order.js"));
        board.MapGet("/data", DataAsync);
        // An order's page (its stored history as a timeline) and the history itself, the same answer as
        // GET /orders/{id}/events: under /board, where a browser sends the credentials it was asked for.
        board.MapGet("/orders/{id}", (HttpContext http, string id) => Asset(http, "order.html"));
        board.MapGet("/orders/{id}/events", OrderEndpoints.EventsAsync);
        return board;
    }

    private static async Task<IResult> DataAsync(HttpContext http, IBoardSource source, IOrderListing listing, BoardOptions options, BoardServedBy servedBy, IServiceProvider services)
    {
        var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var ct = http.RequestAborted;
        var gathering = source.GatherAsync(options.Seconds, options.NodeTimeout, ct);
        var stuck = StuckOrders.ListAsync(listing, options, clock.GetUtcNow(), ct);
        var (answers, missing) = await gathering;
        var data = BoardAggregate.Combine(answers, missing, await stuck, clock.GetUtcNow(), servedBy.Process, options);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(data, OrderJson.Options);
    }

    private static IResult Asset(HttpContext http, string name)
    {
        var (bytes, type) = Assets[name];
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(bytes, type);
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(BoardEndpoints).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var (name, type) in new[] { ("board.html", "text/html; charset=utf-8"), ("board.js", "text/javascript; charset=utf-8"), ("board.css", "text/css; charset=utf-8"), ("order.html", "text/html; charset=utf-8"), ("order.js", "text/javascript; charset=utf-8") })
        {
            using var stream = assembly.GetManifestResourceStream("board/" + name)
                ?? throw new InvalidOperationException($"The board's {name} is not embedded in {assembly.GetName().Name} (Orders.Http.csproj embeds Board/Assets/*).");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[name] = (copy.ToArray(), type);
        }

        return assets;
    }
}

/// <summary>The process serving the board (node or gateway), as the page shows it.</summary>
public sealed record BoardServedBy(string Process);
