using Akka.Hosting;
using ActorOrders.Http.Telemetry;
using ActorOrders.Http;
using ActorOrders.Http.Board;
using ActorOrders.Http.Security;
using ActorOrders.Node.Admin;
using ActorOrders.Node.Board;
using ActorOrders.Node.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;

namespace ActorOrders.Node;

/// <summary>The node: one process running the cluster member, the order shards, persistence, the participants and the HTTP API.</summary>
public static class Program
{
    /// <summary>Exit code when the configuration is refused (a bad setting, or a listener off loopback without auth).</summary>
    public const int BadConfiguration = 2;

    public static async Task<int> Main(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
        }
        catch (Exception ex) when (ex is InvalidSettingsException or ConfigurationRefusedException)
        {
            // The message names every key to change; a stack trace would only bury it.
            await Console.Error.WriteLineAsync(ex.Message);
            return BadConfiguration;
        }

        await app.RunAsync();
        return Environment.ExitCode;
    }

    /// <summary>Builds the node; <paramref name="customize"/> lets tests add configuration and replace services first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        customize?.Invoke(builder);
        var settings = SettingsLoader.Load(builder.Configuration);
        builder.UseDefaultUrl("http://127.0.0.1:5080").WithShutdownDeadline(settings.Cluster.ShutdownTimeout);
        builder.AddOrderHttpPipeline("node");

        builder.Services
            .AddSingleton(settings)
            .AddNodeLifecycle(settings.Cluster)
            .AddNodeClock()
            .AddParticipants(settings)
            .AddRunningOrderViews(settings.Http)
            .AddOrderReadSide(settings)
            .AddOrderKafka(settings)
            .AddNodeObservability()
            .AddAkka(settings.Cluster.SystemName, (akka, services) => akka
                .AddOrderLogging()
                .AddOrderSerialization()
                .AddOrderPersistence(settings)
                .AddOrderCluster(settings.Cluster)
                .AddOrderSharding(settings, services)
                .AddOrderProjections(settings, services)
                .AddOrderResumer(settings, services)
                .AddOrderQueries(services)
                .AddOrderBoardActor(services)
                .AddOrderEventsPublication(settings, services)
                .AddOrderCommandIngest(settings, services)
                .AddParticipantReplies(settings, services)
                .AddDeadLetterIndex(settings, services)
                .AddOrderHealthChecks())
            .AddClusterBootstrapEndpoint(settings.Cluster);

        builder.Services
            .AddOrderHttp(o => { o.MaxInFlight = settings.Http.MaxInFlight; o.MaxBodyBytes = settings.Http.MaxBodyBytes; })
            .AddSingleton<IOrderClient, ShardRegionOrderClient>()
            .AddOrderEventReader(settings.Persistence)
            .AddHealthChecks();
        builder.Services.AddOrderOpenApi();
        builder.Services.AddOrderBoard(builder.Configuration, "node");
        builder.Services.AddNodeAdmin(settings.Admin);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseOrderHttpPipeline();
        app.MapOrderEndpoints();
        app.MapNodeEndpoints();
        app.MapOrderBoard();
        app.MapOrderMetrics();
        app.MapOpenApi();
        return app;
    }
}
