using ActorOrders.Domain.Participants;

namespace ActorOrders.Participants.Internal;

/// <summary>How a simulator answers one request; recorded per idempotency key unless transient.</summary>
internal readonly record struct Decision(ParticipantOutcome Outcome, string? Reference, string? Reason)
{
    public static Decision Succeeded(string? reference, string? reason = null) => new(ParticipantOutcome.Succeeded, reference, reason);

    public static Decision Refused(string reason) => new(ParticipantOutcome.Refused, null, reason);

    public static Decision Transient(string reason) => new(ParticipantOutcome.TransientFailure, null, reason);

    public static Decision AlreadyCancelled { get; } = Refused("already cancelled");
}
