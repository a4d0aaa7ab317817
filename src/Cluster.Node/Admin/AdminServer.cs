using System.Text.Json;
using System.Text.Json.Serialization;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;

namespace ActorOrders.Node.Admin;

/// <summary>
/// The admin listener: a small Kestrel host of its own inside the node, so the admin routes are
/// never reachable on the order API's port and the two can be bound (and firewalled) apart. Its
/// handlers use the node's services (actor system, read model, projection monitor) through
/// <see cref="AdminContext"/>.
/// </summary>
/// <remarks>
/// A port already taken does not stop the node: orders matter more than the admin listener, so it
/// logs an error naming ActorOrders:Admin:Url and runs without it.
/// </remarks>
internal sealed class AdminServer(IServiceProvider node, NodeSettings settings, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The log category of the admin API (its address, and every manual action: who, what).</summary>
    public const string LogCategory = "ActorOrders.Node.Admin";

    private readonly ILogger _log = loggers.CreateLogger(LogCategory);
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // An empty builder: none of the node's configuration (Urls, Kestrel endpoints in appsettings) applies here.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls(settings.Admin.Url);
        builder.Services
            .AddSingleton<ILoggerFactory>(new WithoutLifetimeMessages(loggers))
            .AddSingleton<IHostLifetime, NodeOwnedLifetime>()
            .AddSingleton(new AdminContext(node, _log))
            .AddRoutingCore()
            .ConfigureHttpJsonOptions(o =>
            {
                o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
                o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            });

        var app = builder.Build();
        app.UseMiddleware<AdminAuthentication>();
        app.UseRouting();
        var api = app.MapGroup(Contracts.Admin.AdminProtocol.Prefix);
        api.MapSystemRoutes().MapClusterRoutes().MapShardingRoutes().MapOrderRoutes().MapProjectionRoutes();
        if (settings.Kafka.Enabled) api.MapKafkaRoutes();
        else api.MapNotConfiguredRoutes();
        app.MapFallback((HttpContext http) => AdminResults.Problem(StatusCodes.Status404NotFound, "not-found", $"No admin route {http.Request.Method} {http.Request.Path}."));

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            _log.LogError("Admin API not started: cannot listen on {Url} (ActorOrders:Admin:Url): {Error}", settings.Admin.Url, ex.Message);
            await app.DisposeAsync();
            return;
        }

        _app = app;
        _log.LogInformation("Admin API listening on: {Urls}{Auth}", string.Join(", ", app.Urls),
            string.IsNullOrEmpty(settings.Admin.Token) ? "" : " (token required)");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _app = null;
    }
}
