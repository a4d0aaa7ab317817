namespace ActorOrders.Node.Wiring;

/// <summary>
/// The node's log for a listener of its own inside the node (admin API, bootstrap contact point), less that
/// host's "Now listening on:" line: that line is the order API's, which tools read (the test harness,
/// scripts); such a listener logs its own address instead.
/// </summary>
internal sealed class WithoutLifetimeMessages(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.Hosting.Lifetime" ? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // the node owns the factory
    }
}

/// <summary>The node's host owns Ctrl+C and SIGTERM; a listener of its own stops when the node's host stops it.</summary>
internal sealed class NodeOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
