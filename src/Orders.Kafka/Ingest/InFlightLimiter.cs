namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>
/// Bounds the sagas the ingest has started and that have not finished yet, so a flash sale waits
/// in Kafka (consumer lag) rather than in the node's memory: a placement takes a permit, its
/// order's terminal event gives it back. A permit whose order does not report back (it finished on
/// another node, or it is stuck) is given back after <c>hold</c>, so the bound degrades to a rate.
/// </summary>
public sealed class InFlightLimiter(int max, TimeSpan hold, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _permits = new(max, max);
    private readonly Dictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Sagas started and not yet finished.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock) return _held.Count;
        }
    }

    /// <summary>Waits for a permit for <paramref name="orderId"/> (none needed when it already holds one).</summary>
    public async Task AcquireAsync(string orderId, CancellationToken ct)
    {
        lock (_lock)
        {
            if (_held.ContainsKey(orderId)) return;
        }

        while (!await _permits.WaitAsync(TimeSpan.FromSeconds(1), ct)) Expire();
        lock (_lock)
        {
            if (!_held.TryAdd(orderId, clock.GetUtcNow() + hold)) _permits.Release();
        }
    }

    /// <summary>The order finished (or never started): its permit goes back.</summary>
    public void Release(string orderId)
    {
        lock (_lock)
        {
            if (!_held.Remove(orderId)) return;
        }

        _permits.Release();
    }

    private void Expire()
    {
        var now = clock.GetUtcNow();
        List<string> expired;
        lock (_lock) expired = [.. _held.Where(h => h.Value <= now).Select(h => h.Key)];
        foreach (var id in expired) Release(id);
    }

    /// <inheritdoc />
    public void Dispose() => _permits.Dispose();
}
