using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// What the polling thread tells its stage. Implementations must only hand the call over to the
/// stage (through <c>GetAsyncCallback</c>); they are invoked on the polling thread.
/// </summary>
internal interface IConsumerListener<TKey, TValue>
{
    void OnAssigned(IReadOnlyList<PartitionBuffer> partitions);

    void OnRevoked(IReadOnlyList<TopicPartition> partitions);

    void OnRecords(IReadOnlyList<Record<TKey, TValue>> records);

    void OnStopped();

    void OnFailed(Exception error);
}

/// <summary>A fetched record and the buffer epoch it is counted in.</summary>
internal readonly record struct Record<TKey, TValue>(ConsumeResult<TKey, TValue> Result, PartitionBuffer Buffer);

/// <summary>The consumer was closed before the request could be served.</summary>
public sealed class ConsumerClosedException(string message) : InvalidOperationException(message);
