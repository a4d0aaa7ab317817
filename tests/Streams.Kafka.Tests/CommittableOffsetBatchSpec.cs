using ActorOrders.Streams.Kafka.Consumer;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class CommittableOffsetBatchSpec
{
    private sealed class RecordingCommitter : ICommitter
    {
        public List<IReadOnlyList<TopicPartitionOffset>> Commits { get; } = [];

        public Task CommitAsync(IReadOnlyList<TopicPartitionOffset> nextOffsets)
        {
            Commits.Add(nextOffsets);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_highest_offset_per_partition_wins_and_the_commit_is_that_offset_plus_one()
    {
        var committer = new RecordingCommitter();
        CommittableOffset At(int partition, long offset) => new(committer, "g", new TopicPartitionOffset("t", partition, offset));

        var batch = CommittableOffsetBatch.Empty
            .Updated(At(0, 5)).Updated(At(0, 9)).Updated(At(0, 7))
            .Updated(At(1, 3))
            .Updated(CommittableOffsetBatch.Empty.Updated(At(1, 2)).Updated(At(2, 0)));
        await batch.CommitAsync();

        batch.BatchSize.ShouldBe(6);
        committer.Commits.Count.ShouldBe(1, "one commit per consumer");
        committer.Commits[0].OrderBy(o => o.Partition.Value).Select(o => (o.Partition.Value, o.Offset.Value))
            .ShouldBe([(0, 10L), (1, 4L), (2, 1L)]);
    }
}
