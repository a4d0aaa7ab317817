using System.Diagnostics;

namespace ActorOrders.Domain.Telemetry;

/// <summary>
/// The <c>ActorOrders.Orders</c> <see cref="ActivitySource"/>: a span per command an order handles (<c>order place</c>)
/// and per saga step (<c>order step {action}</c>), children of the W3C trace context the placement brought
/// (stored on OrderPlaced, so a recovered order continues its trace). Actors share threads: a span is
/// started and stopped without ever becoming <see cref="Activity.Current"/> of the thread.
/// </summary>
public static class OrderTracing
{
    /// <summary>The source's name.</summary>
    public const string SourceName = "ActorOrders.Orders";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts a span under <paramref name="parent"/> (a W3C traceparent, or null for a new trace); null when nobody listens.
    /// Activity.Current is left as it was.
    /// </summary>
    public static Activity? Start(string name, ActivityKind kind, string? parent, string orderId)
    {
        if (!Source.HasListeners()) return null;
        var previous = Activity.Current;
        ActivityContext.TryParse(parent, null, out var context);
        var activity = Source.StartActivity(name, kind, context);
        activity?.SetTag("order.id", orderId);
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Stops <paramref name="activity"/> (if any) without changing Activity.Current.</summary>
    public static void End(Activity? activity, ActivityStatusCode status = ActivityStatusCode.Unset, string? description = null)
    {
        if (activity is null) return;
        var previous = Activity.Current;
        if (status != ActivityStatusCode.Unset) activity.SetStatus(status, description);
        activity.Stop();
        Activity.Current = previous;
    }

    /// <summary>The context to hand on: the span's own, else the one it would have been a child of.</summary>
    public static string? ContextOf(Activity? activity, string? parent) => activity?.Id ?? parent;
}
