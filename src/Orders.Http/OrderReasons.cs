using ActorOrders.Contracts;

namespace ActorOrders.Http;

/// <summary>Why a listed order is where it is, in one wording for the admin API's listing and the board's stuck orders.</summary>
public static class OrderReasons
{
    /// <summary>Its reason, else the step it waits on; null when the listing says neither.</summary>
    public static string? Why(OrderListItem item) => item switch
    {
        { Reason: { } reason, CurrentStep: { } step } => $"{reason} (now {step}, attempt {item.Attempts})",
        { Reason: { } reason } => reason,
        { CurrentStep: { } step } => $"waiting on {step}, attempt {item.Attempts}",
        _ => null,
    };
}
