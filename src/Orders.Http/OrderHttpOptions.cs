namespace ActorOrders.Http;

/// <summary>Limits of the order endpoints.</summary>
public sealed class OrderHttpOptions
{
    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Order requests handled at once; more get 503 with Retry-After, so a burst cannot pile up unbounded work.</summary>
    public int MaxInFlight { get; set; } = 1000;
}
