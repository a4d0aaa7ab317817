namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>
/// Runs work for the same key one after another and work for different keys concurrently: the
/// ingest processes many orders at once, but one order's commands in the order they were written.
/// </summary>
public sealed class KeyedSequencer
{
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Keys with work queued or running.</summary>
    public int Busy
    {
        get
        {
            lock (_lock) return _tails.Count;
        }
    }

    /// <summary>Runs <paramref name="work"/> once every earlier work of <paramref name="key"/> has finished, whatever its outcome.</summary>
    public Task<T> Run<T>(string key, Func<Task<T>> work)
    {
        Task<T> next;
        lock (_lock)
        {
            next = After(_tails.GetValueOrDefault(key) ?? Task.CompletedTask, work);
            _tails[key] = next;
        }

        next.ContinueWith(done =>
        {
            lock (_lock)
            {
                if (_tails.TryGetValue(key, out var tail) && ReferenceEquals(tail, done)) _tails.Remove(key);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return next;
    }

    private static async Task<T> After<T>(Task previous, Func<Task<T>> work)
    {
        // Off the caller's lock first; a failure of the previous work is its own caller's business.
        await Task.Yield();
        await previous.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await work();
    }
}
