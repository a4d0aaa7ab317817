using Akka.Hosting;
using ActorOrders.Http.Telemetry;
using Scalar.AspNetCore;
using ActorOrders.Gateway.Clients;
using ActorOrders.Gateway.Settings;
using ActorOrders.Gateway.Wiring;
using ActorOrders.Http;
using ActorOrders.Http.Board;
using ActorOrders.Http.Security;

namespace ActorOrders.Gateway;

/// <summary>
/// The HTTP gateway: a proxy-only member of the nodes' cluster (role <c>gateway</c>) serving the order
/// endpoints of src/Orders.Http — by-id requests through a shard region proxy, the listing and event
/// histories through the nodes' query actors. No journal, no read model, no entities.
/// </summary>
public static class Program
{
    /// <summary>Exit code when the configuration is refused.</summary>
    public const int BadConfiguration = 2;

    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (ConfigurationRefusedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return BadConfiguration;
        }

        var exit = app.Services.GetRequiredService<GatewayExit>();
        await app.RunAsync();
        return exit.Code;
    }

    /// <summary>Builds the gateway; <paramref name="customize"/> lets tests add configuration first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            // Lowest priority: the gateway ships no appsettings.json; these are its logging defaults.
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                // The request id (X-Request-Id) is a scope of everything logged for a request.
                ["Logging:Console:IncludeScopes"] = "true",
            },
        });
        customize?.Invoke(builder);
        var settings = GatewaySettingsLoader.Load(builder.Configuration);
        if (!ListenerGuard.ListenersConfigured(builder.Configuration)) builder.WebHost.UseUrls(GatewaySettings.DefaultUrl);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Cluster.ShutdownTimeout);
        builder.AddOrderHttpPipeline("gateway");

        builder.Services
            .AddSingleton(settings)
            .AddSingleton<GatewayExit>()
            .AddSingleton<ClusterGate>()
            .AddSingleton<QueryClient>()
            .AddSingleton<IOrderClient, ProxyOrderClient>()
            .AddSingleton<IOrderListing>(sp => sp.GetRequiredService<QueryClient>())
            .AddSingleton<IOrderEventReader>(sp => sp.GetRequiredService<QueryClient>())
            .AddSingleton<IFinishedOrderViews>(sp => sp.GetRequiredService<QueryClient>())
            .AddOrderHttp(o => { o.MaxInFlight = settings.Http.MaxInFlight; o.MaxBodyBytes = settings.Http.MaxBodyBytes; })
            .AddHealthChecks();
        builder.Services.AddAkka(settings.Cluster.SystemName, (akka, services) => akka.AddGateway(settings, services.GetRequiredService<GatewayExit>(), services.GetRequiredService<ClusterGate>()));
        builder.Services.AddOrderOpenApi();
        builder.Services.AddOrderBoard(builder.Configuration, "gateway");

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOrderHttpPipeline();
        app.MapOrderEndpoints();
        app.MapHealthEndpoints();
        app.MapOrderBoard();
        app.MapOrderMetrics();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("ActorOrders gateway"));
        return app;
    }
}
