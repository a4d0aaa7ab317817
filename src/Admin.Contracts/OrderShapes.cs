using System.Text.Json;

namespace ActorOrders.Contracts.Admin;

/// <summary>
/// <c>GET /admin/v1/orders/{id}</c>: one order, folded from its stored events (the order's own
/// fold, so it never lags and never wakes the order), with what it is doing now and its history.
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Placed, AwaitingPayment, AwaitingInventory, AwaitingShipment, Compensating, Completed, Rejected, Cancelled or AttentionRequired.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Total">Its total.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Reason">Why it failed, was cancelled or needs attention.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">Its last event's sequence number.</param>
/// <param name="CurrentStep">The participant action the saga runs now; null when finished or waiting for a person.</param>
/// <param name="PendingCompensations">Undo actions still to run, in order.</param>
/// <param name="History">Every stored event, oldest first.</param>
public sealed record OrderDetail(
    string OrderId,
    string Status,
    string CustomerId,
    decimal Total,
    string Currency,
    string? Reason,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    OrderStep? CurrentStep,
    IReadOnlyList<string> PendingCompensations,
    IReadOnlyList<OrderHistoryEntry> History);

/// <summary>The step an order runs now.</summary>
/// <param name="Action">AuthorizePayment, ReserveInventory, ScheduleShipment, RefundPayment, ReleaseInventory or CancelShipment.</param>
/// <param name="Attempt">The attempt running or due (1 on the first).</param>
/// <param name="MaxAttempts">Attempts the node's retry policy allows for it.</param>
/// <param name="AttemptAt">When that attempt started or is due.</param>
/// <param name="Deadline">When it times out (AttemptAt + the policy's timeout): the order's next deadline.</param>
/// <param name="LastFailure">Why the previous attempt failed; null on the first.</param>
public sealed record OrderStep(string Action, int Attempt, int MaxAttempts, DateTimeOffset AttemptAt, DateTimeOffset Deadline, string? LastFailure);

/// <summary>One stored event of an order.</summary>
/// <param name="SequenceNr">Its position, from 1.</param>
/// <param name="Type">The event type, e.g. OrderRetryRequested.</param>
/// <param name="At">When the order decided it.</param>
/// <param name="By">Who asked, for the events of manual actions (OrderRetryRequested, CompensationForced); null otherwise.</param>
/// <param name="Data">The event as camelCase JSON (as <c>GET /orders/{id}/events</c> shows it).</param>
public sealed record OrderHistoryEntry(long SequenceNr, string Type, DateTimeOffset At, string? By, JsonElement Data);

/// <summary>
/// <c>GET /admin/v1/orders?status=S[,S]&amp;olderThan=5m&amp;limit=N&amp;cursor=C</c>: orders from the read
/// model (it trails the orders by about a second), newest first; with <c>olderThan</c> only those
/// unchanged for that long — stuck sagas.
/// </summary>
/// <param name="Items">The orders.</param>
/// <param name="Next">The cursor of the next page; null on the last.</param>
public sealed record OrderList(IReadOnlyList<OrderListEntry> Items, string? Next);

/// <summary>One order of <see cref="OrderList"/>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Its status.</param>
/// <param name="CustomerId">Its customer.</param>
/// <param name="Total">Its total.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="CurrentStep">The step it runs; null when finished or waiting for a person.</param>
/// <param name="Attempts">The attempt of that step (0 when none).</param>
/// <param name="Why">Why it is where it is: its reason (a stall, a failure), or the step it waits on.</param>
public sealed record OrderListEntry(
    string OrderId,
    string Status,
    string CustomerId,
    decimal Total,
    string Currency,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    string? CurrentStep,
    int Attempts,
    string? Why);

/// <summary>The optional body of <c>POST /admin/v1/orders/{id}/compensate</c>.</summary>
/// <param name="Reason">Why; it becomes the order's reason (default: "compensation forced by {who}").</param>
public sealed record CompensateRequest(string? Reason);

/// <summary>
/// The answer to <c>POST /admin/v1/orders/{id}/retry</c> or <c>/compensate</c> when the order
/// accepted it (a refusal is an <see cref="AdminProblem"/>: 404 not-found, 409 too-late / invalid-state).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Action">retry or compensate.</param>
/// <param name="Status">The order's status right after.</param>
/// <param name="By">Who asked, as recorded in the order's history.</param>
public sealed record OrderActionResult(string OrderId, string Action, string Status, string By);
