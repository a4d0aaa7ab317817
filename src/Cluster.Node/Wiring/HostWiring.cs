using Akka.Hosting;
using ActorOrders.Domain.Serialization;
using ActorOrders.Http.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ActorOrders.Node.Wiring;

/// <summary>Host-level defaults: URL, stop deadline, clock, logging.</summary>
public static class HostWiring
{
    /// <summary>Serves on <paramref name="url"/> unless Urls / ASPNETCORE_URLS / --urls or ASPNETCORE_HTTP(S)_PORTS say otherwise.</summary>
    public static WebApplicationBuilder UseDefaultUrl(this WebApplicationBuilder builder, string url)
    {
        if (!ListenerGuard.ListenersConfigured(builder.Configuration)) builder.WebHost.UseUrls(url);
        return builder;
    }

    /// <summary>Ctrl+C / SIGTERM stop the host, which runs CoordinatedShutdown (shard handoff, leave) within this deadline.</summary>
    public static WebApplicationBuilder WithShutdownDeadline(this WebApplicationBuilder builder, TimeSpan deadline)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = deadline);
        return builder;
    }

    /// <summary>The system clock, unless a test registered its own.</summary>
    public static IServiceCollection AddNodeClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Akka's log goes through Microsoft.Extensions.Logging, like the rest of the host.</summary>
    public static AkkaConfigurationBuilder AddOrderLogging(this AkkaConfigurationBuilder akka) =>
        akka.ConfigureLoggers(loggers =>
        {
            loggers.ClearLoggers();
            loggers.AddLoggerFactory();
        });

    /// <summary>Our serializer for every order message, event and snapshot (never Akka's Newtonsoft default).</summary>
    public static AkkaConfigurationBuilder AddOrderSerialization(this AkkaConfigurationBuilder akka) =>
        akka.AddHocon(OrdersSerialization.Config, HoconAddMode.Prepend);
}
