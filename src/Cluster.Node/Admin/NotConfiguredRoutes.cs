namespace ActorOrders.Node.Admin;

/// <summary>
/// The Kafka palette (<c>kafka lag</c>, <c>dlq list|show|replay|discard</c>): the node has no Kafka
/// transport yet, so each route says so (501 not-configured) rather than answering with nothing.
/// </summary>
internal static class NotConfiguredRoutes
{
    /// <summary>What every Kafka route answers.</summary>
    public const string Kafka =
        "Kafka is not configured on this node: the participants' Kafka transport and its dead-letter topic are not part of this version " +
        "(ActorOrders:Participants:Mode is Simulated or Remote), so there is no consumer lag and no dead letter to show.";

    public static RouteGroupBuilder MapNotConfiguredRoutes(this RouteGroupBuilder api)
    {
        IResult NotConfigured() => AdminResults.Problem(StatusCodes.Status501NotImplemented, "not-configured", Kafka);
        api.MapGet("/kafka/lag", NotConfigured);
        api.MapGet("/dlq", NotConfigured);
        api.MapGet("/dlq/{id}", NotConfigured);
        api.MapPost("/dlq/{id}/replay", NotConfigured);
        api.MapPost("/dlq/{id}/discard", NotConfigured);
        return api;
    }
}
