using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Admin;

/// <summary>The admin API of the node (HTTP + JSON under /admin/v1 on its own listener, for the console).</summary>
public static class AdminWiring
{
    /// <summary>Starts the admin listener with the node (after the actor system) unless ActorOrders:Admin:Enabled is false.</summary>
    public static IServiceCollection AddNodeAdmin(this IServiceCollection services, AdminSettings settings) =>
        settings.Enabled ? services.AddHostedService<AdminServer>() : services;
}
