namespace ActorOrders.Domain.Saga;

/// <summary>How a step retries: bounded attempts, exponential backoff with jitter.</summary>
/// <param name="Timeout">How long one attempt waits for its reply.</param>
/// <param name="MaxAttempts">Attempts before the step is reported exhausted.</param>
/// <param name="MinBackoff">Delay before the second attempt.</param>
/// <param name="MaxBackoff">Cap of the delay between attempts.</param>
/// <param name="Jitter">Fraction (0..1) of each delay that is randomised, so retries of many orders spread out.</param>
public sealed record RetryPolicy(TimeSpan Timeout, int MaxAttempts, TimeSpan MinBackoff, TimeSpan MaxBackoff, double Jitter)
{
    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2, 3, …).</summary>
    public TimeSpan BackoffBefore(int nextAttempt, Random random)
    {
        var exponent = Math.Min(nextAttempt - 2, 30);
        var raw = Math.Min(MaxBackoff.TotalMilliseconds, MinBackoff.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = raw * (1 - (Jitter * random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }

    /// <summary>Throws naming the setting when a value makes no sense.</summary>
    public RetryPolicy Validated(string prefix)
    {
        if (Timeout <= TimeSpan.Zero) throw new ArgumentException($"{prefix}:Timeout must be positive.");
        if (MaxAttempts < 1) throw new ArgumentException($"{prefix}:MaxAttempts must be at least 1.");
        if (MinBackoff < TimeSpan.Zero) throw new ArgumentException($"{prefix}:MinBackoff must not be negative.");
        if (MaxBackoff < MinBackoff) throw new ArgumentException($"{prefix}:MaxBackoff must be at least MinBackoff.");
        if (Jitter is < 0 or > 1) throw new ArgumentException($"{prefix}:Jitter must be between 0 and 1.");
        return this;
    }
}

/// <summary>Settings of the order saga.</summary>
/// <param name="Steps">Retry policy of forward steps (payment, inventory, shipping).</param>
/// <param name="Compensations">Retry policy of undo steps; when exhausted the order needs attention.</param>
/// <param name="SnapshotEvery">Save a snapshot every N events (0 = never).</param>
/// <param name="PassivateAfter">How long a finished order stays in memory before it passivates.</param>
public sealed record SagaSettings(RetryPolicy Steps, RetryPolicy Compensations, int SnapshotEvery, TimeSpan PassivateAfter)
{
    /// <summary>Defaults for production-like use.</summary>
    public static readonly SagaSettings Default = new(
        Steps: new RetryPolicy(TimeSpan.FromSeconds(5), 3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), 0.5),
        Compensations: new RetryPolicy(TimeSpan.FromSeconds(5), 10, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), 0.5),
        SnapshotEvery: 20,
        PassivateAfter: TimeSpan.FromSeconds(5));

    /// <summary>Throws naming the setting when a value makes no sense.</summary>
    public SagaSettings Validated(string prefix = "Saga")
    {
        Steps.Validated($"{prefix}:Steps");
        Compensations.Validated($"{prefix}:Compensations");
        if (SnapshotEvery < 0) throw new ArgumentException($"{prefix}:SnapshotEvery must not be negative.");
        if (PassivateAfter <= TimeSpan.Zero) throw new ArgumentException($"{prefix}:PassivateAfter must be positive.");
        return this;
    }
}
