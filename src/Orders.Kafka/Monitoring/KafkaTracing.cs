using System.Diagnostics;

namespace ActorOrders.Orders.Kafka.Monitoring;

/// <summary>
/// The <c>ActorOrders.Kafka</c> <see cref="ActivitySource"/>: a producer span per record the saga sends
/// (<c>{topic} publish</c>: participant requests, orders.events) and a consumer span per record it handles
/// (<c>{topic} process</c>: a participant's request on the host side, a reply on the node), parented on the
/// record's W3C <c>traceparent</c>, whose own context goes on with the record. Spans never become
/// <see cref="Activity.Current"/> of the thread: actors and stream stages share threads.
/// </summary>
public static class KafkaTracing
{
    /// <summary>The source's name.</summary>
    public const string SourceName = "ActorOrders.Kafka";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span under <paramref name="parent"/> (null: a new trace); null when nobody listens.</summary>
    public static Activity? Start(string name, ActivityKind kind, string? parent, string topic, string orderId)
    {
        if (!Source.HasListeners()) return null;
        var previous = Activity.Current;
        ActivityContext.TryParse(parent, null, out var context);
        var activity = Source.StartActivity(name, kind, context);
        if (activity is not null)
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.destination.name", topic);
            activity.SetTag("messaging.operation.type", kind == ActivityKind.Producer ? "send" : "process");
            activity.SetTag("order.id", orderId);
        }

        Activity.Current = previous;
        return activity;
    }

    /// <summary>Stops <paramref name="activity"/> (if any), an error when <paramref name="error"/> is given; Activity.Current stays.</summary>
    public static void End(Activity? activity, Exception? error = null)
    {
        if (activity is null) return;
        var previous = Activity.Current;
        if (error is not null) activity.SetStatus(ActivityStatusCode.Error, error.Message);
        activity.Stop();
        Activity.Current = previous;
    }

    /// <summary>The context to hand on: the span's own, else the one it would have been a child of.</summary>
    public static string? ContextOf(Activity? activity, string? parent) => activity?.Id ?? parent;
}
