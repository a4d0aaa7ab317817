namespace ActorOrders.Contracts;

/// <summary>
/// The queries a node's read side answers for processes that have no database of their own (a
/// gateway): the order listing and an order's stored events. They are sent to the query actor
/// that every node of role <c>node</c> runs at <see cref="OrderQueries.Path"/>, never to an order
/// entity (reading them never wakes an order, so an unknown id stores nothing).
/// </summary>
public static class OrderQueries
{
    /// <summary>The path of the query actor under the actor system of every node.</summary>
    public const string Path = "/user/order-queries";

    /// <summary>
    /// Most bytes of items (listing rows, events) one reply carries, well under Akka.Remote's frame
    /// (128,000 bytes by default): a reply with more is cut there and the asker continues from where it ends.
    /// </summary>
    public const int ReplyBudgetBytes = 64_000;
}

/// <summary>Ask for a page of the order listing. Answered with <see cref="OrderListResult"/> or <see cref="OrderQueryFailed"/>.</summary>
public sealed record ListOrders(OrderListQuery Query) : IOrderContract;

/// <summary>
/// A page of the order listing, as the read model of the answering node has it. It may hold fewer
/// items than asked for (cut at <see cref="OrderQueries.ReplyBudgetBytes"/>); then <see cref="OrderListPage.Next"/>
/// says where to continue.
/// </summary>
public sealed record OrderListResult(OrderListPage Page) : IOrderContract;

/// <summary>Ask for an order's stored events from <paramref name="FromSequenceNr"/> on. Answered with <see cref="OrderEventsResult"/> or <see cref="OrderQueryFailed"/>.</summary>
public sealed record GetOrderEvents(string OrderId, long FromSequenceNr) : IOrderContract;

/// <summary>One stored event of an order.</summary>
/// <param name="SequenceNr">Position in the order's history, from 1.</param>
/// <param name="Type">The event type name, e.g. OrderPlaced.</param>
/// <param name="Timestamp">When the order decided the fact.</param>
/// <param name="Data">The event as the JSON object the HTTP API shows (camelCase), as text: the gateway passes it on without knowing the event types.</param>
public sealed record OrderEventRecord(long SequenceNr, string Type, DateTimeOffset Timestamp, string Data);

/// <summary>
/// An order's stored events in sequence order; empty when none is stored under the id (from the
/// asked sequence number on). <paramref name="More"/>: the reply was cut at <see cref="OrderQueries.ReplyBudgetBytes"/>;
/// ask again from the last event's sequence number + 1.
/// </summary>
public sealed record OrderEventsResult(string OrderId, IReadOnlyList<OrderEventRecord> Events, bool More) : IOrderContract;

/// <summary>
/// Ask a node for an order's view without waking the order: answered with <see cref="OrderView"/> when the
/// node holds it exactly (the view its running order last published, or a final view from the read model),
/// else <see cref="OrderViewNotHeld"/> (then ask the order itself through the shard region).
/// </summary>
public sealed record GetOrderView(string OrderId) : IOrderContract;

/// <summary>The answering node holds no exact view of the order (not running there, not finished, unknown, or not projected yet).</summary>
public sealed record OrderViewNotHeld(string OrderId) : IOrderContract;

/// <summary>A query could not be answered now (the read model or the journal is busy or off); the client should retry after the hint.</summary>
public sealed record OrderQueryFailed(string Reason, int RetryAfterSeconds) : IOrderContract;
