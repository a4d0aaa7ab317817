using System.Diagnostics;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>Work handed to the polling thread, which alone touches the <c>IConsumer</c>.</summary>
internal abstract class DriverCommand
{
    /// <summary>Completes the command with a failure when the consumer closed first.</summary>
    public abstract void Abort(Exception reason);
}

internal sealed class ActionCommand(Action action) : DriverCommand
{
    public void Run() => action();

    public override void Abort(Exception reason) { }
}

internal sealed class CommitCommand(IReadOnlyList<TopicPartitionOffset> offsets) : DriverCommand
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<TopicPartitionOffset> Offsets { get; } = offsets;

    public Task Task => _done.Task;

    public int Attempt { get; set; }

    public long DueAtTimestamp { get; set; }

    public bool IsDue => Stopwatch.GetTimestamp() >= DueAtTimestamp;

    public void Succeed() => _done.TrySetResult();

    public void Fail(Exception error) => _done.TrySetException(error);

    public override void Abort(Exception reason) => _done.TrySetException(reason);
}

internal sealed class LagCommand : DriverCommand
{
    private readonly TaskCompletionSource<IReadOnlyList<PartitionLag>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<PartitionLag>> Task => _done.Task;

    public void Complete(Func<IReadOnlyList<PartitionLag>> compute)
    {
        try
        {
            _done.TrySetResult(compute());
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }

    public override void Abort(Exception reason) => _done.TrySetException(reason);
}

/// <summary>Commit errors worth retrying: coordinator moves, timeouts and rebalances in progress.</summary>
internal static class CommitErrors
{
    private static readonly HashSet<ErrorCode> Retryable =
    [
        ErrorCode.Local_TimedOut, ErrorCode.RequestTimedOut, ErrorCode.Local_WaitCoord,
        ErrorCode.GroupLoadInProgress, ErrorCode.GroupCoordinatorNotAvailable, ErrorCode.NotCoordinatorForGroup,
        ErrorCode.RebalanceInProgress, ErrorCode.IllegalGeneration, ErrorCode.UnknownMemberId,
        ErrorCode.NetworkException, ErrorCode.Local_Transport, ErrorCode.Local_AllBrokersDown,
        ErrorCode.Local_State,
    ];

    public static bool IsRetryable(KafkaException ex)
    {
        if (ex is TopicPartitionOffsetException tpo)
        {
            var failed = tpo.Results.Where(r => r.Error.IsError).ToList();
            return failed.Count > 0 && failed.All(r => Retryable.Contains(r.Error.Code));
        }
        return Retryable.Contains(ex.Error.Code);
    }
}
