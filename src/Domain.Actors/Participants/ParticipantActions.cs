using ActorOrders.Contracts;

namespace ActorOrders.Domain.Participants;

/// <summary>The three participant services of the saga.</summary>
public enum Participant
{
    Payment,
    Inventory,
    Shipping,
}

/// <summary>Facts about actions that do not depend on any order.</summary>
public static class ParticipantActions
{
    /// <summary>The service an action is addressed to.</summary>
    public static Participant ParticipantOf(this ParticipantAction action) => action switch
    {
        ParticipantAction.AuthorizePayment or ParticipantAction.RefundPayment => Participant.Payment,
        ParticipantAction.ReserveInventory or ParticipantAction.ReleaseInventory => Participant.Inventory,
        ParticipantAction.ScheduleShipment or ParticipantAction.CancelShipment => Participant.Shipping,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown participant action."),
    };

    /// <summary>True for the undo actions, which are retried until they succeed.</summary>
    public static bool IsCompensation(this ParticipantAction action) =>
        action is ParticipantAction.RefundPayment or ParticipantAction.ReleaseInventory or ParticipantAction.CancelShipment;

    /// <summary>
    /// The deterministic idempotency key of an action for an order: the same on every retry,
    /// after a crash and after RetryOrder, so a participant never applies it twice.
    /// </summary>
    public static string IdempotencyKey(string orderId, ParticipantAction action) => $"{orderId}:{action}";
}
