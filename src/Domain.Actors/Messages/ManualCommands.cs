using ActorOrders.Contracts;

namespace ActorOrders.Domain.Messages;

// The commands of the admin API (src/Cluster.Node/Admin). They carry who asked, which the public
// commands of ActorOrders.Contracts do not, so the order records it in the event it stores. They
// cross the cluster to the order's node, so they are ours to serialize (IOrderSerializable).

/// <summary>
/// Re-drive the stalled compensation of an AttentionRequired order, on behalf of <paramref name="By"/>.
/// Answered like RetryOrder: OrderAccepted, or OrderCommandRejected (NotFound, InvalidState).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="By">Who asked, as the admin API identified them.</param>
public sealed record ManualRetry(string OrderId, string By) : IOrderSerializable, IWithOrderId;

/// <summary>
/// Force the compensation of an order that has not shipped — in flight or AttentionRequired — so
/// that it ends Cancelled. Answered with OrderAccepted (also when it is already compensating or
/// cancelled: nothing more is stored), or OrderCommandRejected (NotFound; TooLate once shipped or
/// while being rejected; InvalidState for a rejected order, which has nothing to undo).
/// </summary>
/// <param name="OrderId">The order.</param>
/// <param name="Reason">Why, in the operator's words; becomes the order's reason.</param>
/// <param name="By">Who asked, as the admin API identified them.</param>
public sealed record ForceCompensation(string OrderId, string Reason, string By) : IOrderSerializable, IWithOrderId;
