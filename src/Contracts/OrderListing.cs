namespace ActorOrders.Contracts;

/// <summary>
/// A page request of the order listing (the read model): orders newest first by
/// (<see cref="OrderListItem.PlacedAt"/>, <see cref="OrderListItem.OrderId"/>), filtered.
/// </summary>
/// <param name="Statuses">Only these statuses; empty = any.</param>
/// <param name="CustomerId">Only this customer's orders; null = any.</param>
/// <param name="UpdatedBefore">Only orders last changed before this instant (e.g. stuck sagas); null = any.</param>
/// <param name="Limit">Most items in the page (1–<see cref="MaxLimit"/>).</param>
/// <param name="After">Continue after this position (the previous page's <see cref="OrderListPage.Next"/>); null = from the newest.</param>
public sealed record OrderListQuery(
    IReadOnlyList<OrderStatus> Statuses,
    string? CustomerId,
    DateTimeOffset? UpdatedBefore,
    int Limit,
    OrderListPosition? After)
{
    /// <summary>Default page size.</summary>
    public const int DefaultLimit = 50;

    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 500;
}

/// <summary>A position in the listing's order: the key of the last item seen.</summary>
public sealed record OrderListPosition(DateTimeOffset PlacedAt, string OrderId);

/// <summary>One order in the listing: the read model's row.</summary>
/// <param name="CurrentStep">The participant action the saga is running, or null (finished, or waiting for a person).</param>
/// <param name="Attempts">The attempt of the current step (1 on its first); 0 when no step runs.</param>
public sealed record OrderListItem(
    string OrderId,
    OrderStatus Status,
    string CustomerId,
    decimal Total,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    ParticipantAction? CurrentStep,
    int Attempts,
    string? Reason);

/// <summary>A page of the listing; <see cref="Next"/> is null on the last page.</summary>
public sealed record OrderListPage(IReadOnlyList<OrderListItem> Items, OrderListPosition? Next);
