namespace ActorOrders.Node.Tests.Support;

/// <summary>Runs work over items with a bound on how many run at once.</summary>
public static class Concurrently
{
    public static Task ForEachAsync<T>(IEnumerable<T> items, int parallelism, Func<T, Task> work) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (item, _) => await work(item));
}
