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
