using System.Collections.Concurrent;
using ActorOrders.Contracts;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Messages;

/// <summary>The one shape of an order's view, whoever answers (the order, its published view, the read model).</summary>
public static class OrderViews
{
    /// <summary>The view of <paramref name="state"/> after its event <paramref name="version"/>.</summary>
    public static OrderView Of(OrderState state, long version) => new(
        state.OrderId, state.Status, state.CustomerId, state.Currency, state.Total, state.Lines, state.ShippingAddress,
        state.PaymentReference, state.ReservationReference, state.TrackingReference, state.PendingCompensations,
        state.Reason, state.PlacedAt, state.UpdatedAt, version);

    /// <summary>True once an order can no longer change: its view is final.</summary>
    public static bool IsFinal(OrderStatus status) => status is OrderStatus.Completed or OrderStatus.Rejected or OrderStatus.Cancelled;
}

/// <summary>
/// Where a running order publishes its current view, so that a read on the same node is answered
/// from memory without a message to the order: the view is an immutable record, replaced after
/// every stored event and removed when the order stops.
/// </summary>
public interface IOrderViewPublisher
{
    /// <summary>The order's view after its latest stored event.</summary>
    void Publish(OrderView view);

    /// <summary>The order stopped: its last published view is no longer live (a newer incarnation's is kept).</summary>
    void Remove(OrderView last);
}

/// <summary>Publishes nowhere (actor scenarios, hosts that read through the order only).</summary>
public sealed class NoViewPublisher : IOrderViewPublisher
{
    /// <summary>The one instance.</summary>
    public static readonly NoViewPublisher Instance = new();

    private NoViewPublisher() { }

    /// <inheritdoc />
    public void Publish(OrderView view) { }

    /// <inheritdoc />
    public void Remove(OrderView last) { }
}

/// <summary>
/// The views of the orders running in this process, by order id, and of the last orders that
/// finished here: a finished order's view never changes again, so it stays readable from memory
/// after the order passivated (bounded: the oldest half is dropped when full).
/// </summary>
public sealed class LocalOrderViews(int finishedCapacity = 10_000) : IOrderViewPublisher
{
    private readonly ConcurrentDictionary<string, OrderView> _running = new(StringComparer.Ordinal);
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<string, OrderView> _finished = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, OrderView> _finishedBefore = new(StringComparer.Ordinal);

    /// <summary>How many orders run here.</summary>
    public int Running => _running.Count;

    /// <summary>The unfinished orders running here, by status (a finished order that has not passivated yet is not counted).</summary>
    public IReadOnlyDictionary<OrderStatus, int> RunningByStatus()
    {
        var counts = new Dictionary<OrderStatus, int>();
        foreach (var view in _running.Values)
        {
            if (!OrderViews.IsFinal(view.Status)) counts[view.Status] = counts.GetValueOrDefault(view.Status) + 1;
        }

        return counts;
    }

    /// <summary>The views of the unfinished orders running here, in no particular order.</summary>
    public IEnumerable<OrderView> RunningUnfinished() => _running.Values.Where(v => !OrderViews.IsFinal(v.Status));

    /// <summary>The view of an order running in this process or recently finished here, or null.</summary>
    public OrderView? Find(string orderId) =>
        _running.TryGetValue(orderId, out var view) || _finished.TryGetValue(orderId, out view) || _finishedBefore.TryGetValue(orderId, out view)
            ? view
            : null;

    /// <inheritdoc />
    public void Publish(OrderView view) => _running[view.OrderId] = view;

    /// <inheritdoc />
    public void Remove(OrderView last)
    {
        Remember(last);
        _running.TryRemove(new KeyValuePair<string, OrderView>(last.OrderId, last));
    }

    /// <summary>Keeps a final view (read elsewhere, e.g. from the read model) for the next reads; others are ignored.</summary>
    public void Remember(OrderView view)
    {
        if (!OrderViews.IsFinal(view.Status) || finishedCapacity <= 0) return;
        if (_finished.Count >= finishedCapacity / 2) Rotate();
        _finished[view.OrderId] = view;
    }

    private void Rotate()
    {
        lock (_rotation)
        {
            if (_finished.Count < finishedCapacity / 2) return;
            _finishedBefore = _finished;
            _finished = new ConcurrentDictionary<string, OrderView>(StringComparer.Ordinal);
        }
    }
}
