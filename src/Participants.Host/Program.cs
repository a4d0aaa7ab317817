using Akka.Hosting;
using ActorOrders.Http;
using ActorOrders.Participants.Http;
using ActorOrders.ParticipantsHost.Settings;
using ActorOrders.ParticipantsHost.Wiring;

namespace ActorOrders.ParticipantsHost;

/// <summary>
/// The participants host: the payment, inventory and shipping simulators and their ledgers in a process of their
/// own, reached by nodes in Remote mode through DistributedPubSub as a cluster member (role "participants"), or by
/// nodes in Kafka mode through the participants' command and reply topics (<c>Participants:Transport=Kafka</c>).
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    /// <summary>Builds the host; <paramref name="customize"/> lets tests add configuration first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            // Lowest priority: the host ships no appsettings.json, these are its logging defaults.
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        customize?.Invoke(builder);
        var settings = HostSettingsLoader.Load(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(HostSettings.DefaultUrl);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.Cluster.ShutdownTimeout);

        builder.Services
            .AddSingleton(settings)
            .AddProblemDetails()
            .AddHealthChecks();
        if (settings.Participants.Transport == ParticipantsTransport.Kafka)
        {
            builder.Services.AddKafkaTransport(settings);
            builder.Services.AddAkka(settings.Cluster.SystemName, (akka, services) => akka.AddParticipantsOverKafka(settings, services));
        }
        else
        {
            builder.Services.AddAkka(settings.Cluster.SystemName, (akka, _) => akka.AddParticipantsHost(settings));
        }


        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthEndpoints();
        app.MapParticipantsEndpoints(new ParticipantsEndpointOptions
        {
            Ledger = services => services.GetRequiredService<ActorRegistry>().TryGet<ParticipantsLedger>(out var ledger) ? ledger : null,
            AskTimeout = settings.Http.AskTimeout,
        });
        return app;
    }
}
