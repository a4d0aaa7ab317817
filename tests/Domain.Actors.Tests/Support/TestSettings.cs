using ActorOrders.Domain.Saga;

namespace ActorOrders.Domain.Tests.Support;

/// <summary>Configuration shared by the actor scenarios: in-memory persistence, short saga timings.</summary>
public static class TestSettings
{
    /// <summary>Akka config of a scenario's actor system (in-memory journal and snapshot store).</summary>
    public const string InMemoryPersistence = """
        akka.loglevel = INFO
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    /// <summary>Akka config that puts the actor system on virtual time (advance it with <c>TestScheduler.Advance</c>).</summary>
    public const string VirtualTime = """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """;

    /// <summary>Saga settings with sub-second timeouts and backoffs; jitter as given.</summary>
    public static SagaSettings Fast(TimeSpan timeout, TimeSpan minBackoff, TimeSpan maxBackoff, double jitter, TimeSpan passivateAfter)
    {
        var policy = new RetryPolicy(timeout, 3, minBackoff, maxBackoff, jitter);
        return new SagaSettings(policy, policy, SnapshotEvery: 0, passivateAfter);
    }
}
