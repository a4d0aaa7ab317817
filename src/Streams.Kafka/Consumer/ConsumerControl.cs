namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>The <see cref="IConsumerControl"/> of one source: forwards to its driver and stage.</summary>
internal sealed class ConsumerControl<TKey, TValue>(ConsumerDriver<TKey, TValue> driver) : IConsumerControl
{
    private readonly TaskCompletionSource _stageStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task IsShutdown => driver.Closed;

    public ConsumerMetrics Metrics => driver.Metrics;

    public Task Stop()
    {
        driver.RequestStop();
        // A closed consumer will not relay the stop any more: the stage has been told already.
        return Task.WhenAny(_stageStopped.Task, driver.Closed).Unwrap();
    }

    public async Task Shutdown()
    {
        driver.RequestStop();
        await driver.Shutdown().ConfigureAwait(false);
    }

    public async Task<T> DrainAndShutdown<T>(Task<T> streamCompletion)
    {
        await Stop().ConfigureAwait(false);
        try
        {
            return await streamCompletion.ConfigureAwait(false);
        }
        finally
        {
            await Shutdown().ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyList<PartitionLag>> GetLagAsync() => driver.GetLagAsync();

    internal void StageStopped(Exception? failure)
    {
        _stageStopped.TrySetResult();
        driver.StageStopped(failure is not null);
    }
}
