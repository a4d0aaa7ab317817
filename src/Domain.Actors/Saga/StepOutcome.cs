using ActorOrders.Contracts;

namespace ActorOrders.Domain.Saga;

/// <summary>How a step ended, as its child actor reports it to the order.</summary>
public enum StepResult
{
    /// <summary>The participant did it.</summary>
    Succeeded,
    /// <summary>The participant refused (declined, unavailable, cannot ship).</summary>
    Refused,
    /// <summary>No usable answer within the attempts allowed.</summary>
    Exhausted,
}

/// <summary>A step child's report to its order (local only: parent and child share a node).</summary>
public sealed record StepOutcome(ParticipantAction Action, StepResult Result, string? Reference, string? Reason, int Attempts);

/// <summary>
/// A step child's report that an attempt failed and the next one is due at <paramref name="RetryAt"/>;
/// the order persists it (<c>StepAttemptFailed</c>) so the budget survives a crash. Local only.
/// </summary>
public sealed record AttemptFailed(ParticipantAction Action, int Attempt, string Reason, DateTimeOffset RetryAt);

/// <summary>The order to its step: the failure of <paramref name="Attempt"/> is stored, the next attempt may go out.</summary>
public sealed record AttemptRecorded(int Attempt);

/// <summary>Where a step's budget stands when its child starts: the attempt to run and when it started (or is due).</summary>
public sealed record StepBudget(int Attempt, DateTimeOffset AttemptAt);
