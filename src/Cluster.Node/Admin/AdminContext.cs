using Akka.Actor;
using Akka.Hosting;
using ActorOrders.Http;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;
using ActorOrders.Projections;
using ActorOrders.ReadSide.ReadModel;

namespace ActorOrders.Node.Admin;

/// <summary>What the admin handlers use of the node, resolved from the node's own services.</summary>
internal sealed class AdminContext(IServiceProvider node, ILogger audit)
{
    private const string ByItem = "actororders.admin.by";

    public ActorSystem System => node.GetRequiredService<ActorSystem>();

    /// <summary>The node's services (the Kafka routes' producer, indexes and consumers).</summary>
    public IServiceProvider Services => node;

    public NodeSettings Settings => node.GetRequiredService<NodeSettings>();

    public TimeProvider Clock => node.GetRequiredService<TimeProvider>();

    /// <summary>The read model; null when the read side is off.</summary>
    public OrderReadModel? ReadModel => node.GetService<OrderReadModel>();

    public ProjectionMonitor Monitor => node.GetRequiredService<ProjectionMonitor>();

    public IOrderEventReader Events => node.GetRequiredService<IOrderEventReader>();

    /// <summary>The order shard region.</summary>
    public IActorRef Orders => node.GetRequiredService<ActorRegistry>().Get<OrderRegion>();

    /// <summary>How long an order or a region may take to answer.</summary>
    public TimeSpan AskTimeout => Settings.Http.AskTimeout;

    /// <summary>Who made this request, as <see cref="AdminAuthentication"/> identified them.</summary>
    public static string By(HttpContext http) => http.Items[ByItem] as string ?? "unknown";

    /// <summary>Records who made this request (done once, by <see cref="AdminAuthentication"/>).</summary>
    public static void Identify(HttpContext http, string by) => http.Items[ByItem] = by;

    /// <summary>
    /// Writes a manual action to the node's log (Warning, category ActorOrders.Node.Admin, so it shows
    /// on nodes that log warnings only). Actions that change an order are also events in its history.
    /// </summary>
    public void Record(HttpContext http, string action, string target) =>
        audit.LogWarning("Admin action by {By}: {Action} {Target}", By(http), action, target);
}
