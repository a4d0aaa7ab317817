namespace ActorOrders.Node.Admin;

/// <summary>
/// The Kafka palette (<c>kafka lag</c>, <c>dlq list|show|replay|discard</c>, <c>quarantine …</c>) on a
/// node with ActorOrders:Kafka:Enabled off: each route says so (501 not-configured) rather than
/// answering with nothing. With Kafka on, <see cref="KafkaRoutes"/> serves them.
/// </summary>
internal static class NotConfiguredRoutes
{
    /// <summary>What every Kafka route answers.</summary>
    public const string Kafka =
        "Kafka is not configured on this node (ActorOrders:Kafka:Enabled is false): it runs no Kafka consumer, " +
        "no dead-letter index and no ingest quarantine, so there is no consumer lag, dead letter or parked record to show.";

    public static RouteGroupBuilder MapNotConfiguredRoutes(this RouteGroupBuilder api)
    {
        IResult NotConfigured() => AdminResults.Problem(StatusCodes.Status501NotImplemented, "not-configured", Kafka);
        api.MapGet("/kafka/lag", NotConfigured);
        api.MapGet("/dlq", NotConfigured);
        api.MapGet("/dlq/{id}", NotConfigured);
        api.MapPost("/dlq/{id}/replay", NotConfigured);
        api.MapPost("/dlq/{id}/discard", NotConfigured);
        api.MapGet("/quarantine", NotConfigured);
        api.MapPost("/quarantine/{orderId}/redrive", NotConfigured);
        api.MapPost("/quarantine/{orderId}/discard-head", NotConfigured);
        return api;
    }
}
