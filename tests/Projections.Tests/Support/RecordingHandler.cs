using System.Collections.Concurrent;
using Akka.Persistence.Query;

namespace ActorOrders.Projections.Tests.Support;

/// <summary>An effect handler that records what it is given and when it was called, and can be told to fail.</summary>
public sealed class RecordingHandler : IProjectionHandler
{
    private int _failuresLeft;

    /// <summary>Envelopes of successful calls, in order.</summary>
    public ConcurrentQueue<EventEnvelope> Handled { get; } = new();

    /// <summary>Start time of every call (failed ones included), by the test clock.</summary>
    public ConcurrentQueue<(DateTime At, long FirstOrdering, bool Failed)> Calls { get; } = new();

    public void FailNext(int times) => Volatile.Write(ref _failuresLeft, times);

    public Task HandleAsync(ProjectionBatch batch, CancellationToken ct)
    {
        var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
        Calls.Enqueue((DateTime.UtcNow, ((Sequence)batch.Envelopes[0].Offset).Value, fail));
        if (fail) throw new InvalidOperationException("injected handler failure");
        foreach (var e in batch.Envelopes) Handled.Enqueue(e);
        return Task.CompletedTask;
    }
}
