using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Configuration;

namespace ActorOrders.Projections.Tests.Support;

/// <summary>An actor system on a test store with toy entities to write events and helpers to run projection workers.</summary>
public sealed class ToyWorld : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IActorRef> _entities = new();

    public ToyWorld(TestStore store, Config config, string name = "toy")
    {
        Store = store;
        System = ActorSystem.Create(name, config);
    }

    public TestStore Store { get; }

    public ActorSystem System { get; }

    /// <summary>Persists one event per value for entity <paramref name="key"/>, in order; returns the last sequence number.</summary>
    public Task<long> PersistAsync(string key, params int[] values) =>
        PersistAsync(_entities.GetOrAdd(key, k => System.ActorOf(ToyEntity.Props(k), $"toy-{k}")), values);

    /// <summary>Persists one event per value through <paramref name="entity"/>, in order.</summary>
    public static async Task<long> PersistAsync(IActorRef entity, params int[] values)
    {
        var last = 0L;
        foreach (var n in values)
            last = (await entity.Ask<Persisted>(new Add(n), TimeSpan.FromSeconds(20))).SequenceNr;
        return last;
    }

    /// <summary>Persists <paramref name="eventsPerKey"/> events (values 1…) for each key, the keys concurrently.</summary>
    public Task PersistManyAsync(IEnumerable<string> keys, int eventsPerKey) =>
        Task.WhenAll(keys.Select(k => PersistAsync(k, [.. Enumerable.Range(1, eventsPerKey)])));

    /// <summary>Starts the worker of every slice (or of <paramref name="slices"/>).</summary>
    public IReadOnlyDictionary<int, IActorRef> StartWorkers(ProjectionDefinition definition, ProjectionMonitor monitor, params int[] slices)
    {
        var which = slices.Length > 0 ? slices : Enumerable.Range(0, definition.SliceCount).ToArray();
        return which.ToDictionary(s => s, s => System.ActorOf(ProjectionWorker.Props(definition, Store.Database, monitor, s), $"worker-{definition.Name}-{s}-{Guid.NewGuid():N}"));
    }

    public async ValueTask DisposeAsync() => await System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
}

/// <summary>Keys spread over every slice: <paramref name="count"/> keys "k0", "k1", …</summary>
public static class Keys
{
    public static string[] Make(int count, string prefix = "k") => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];
}
