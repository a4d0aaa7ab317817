using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Akka;
using Akka.Streams.Dsl;

namespace ActorOrders.Streams.Kafka.Committing;

/// <summary>Batched offset commits for committable sources.</summary>
public static class Committer
{
    /// <summary>Commits offsets in batches and emits each batch once it is committed.</summary>
    public static Flow<ICommittable, CommittableOffsetBatch, NotUsed> Flow(CommitterSettings settings) =>
        Akka.Streams.Dsl.Flow.FromGraph(new CommitterStage(settings));

    /// <summary>
    /// Commits offsets in batches. The task completes after the last batch is committed once
    /// upstream completes, or fails with the first commit error that was not retryable.
    /// </summary>
    public static Sink<ICommittable, Task<Done>> Sink(CommitterSettings settings) =>
        Flow(settings).ToMaterialized(Akka.Streams.Dsl.Sink.Ignore<CommittableOffsetBatch>(), Keep.Right);
}
