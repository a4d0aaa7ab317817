using Akka.Actor;
using Akka.Event;

namespace ActorOrders.Participants.Internal;

/// <summary>
/// One <see cref="GetLedger"/>: asks every simulator for its rows, merges them per order,
/// answers the requester with a <see cref="LedgerReport"/> and stops. A simulator that does
/// not answer in time fails the query (Status.Failure) rather than returning a partial ledger.
/// </summary>
internal sealed class LedgerQueryAggregator : ReceiveActor
{
    private readonly Dictionary<string, OrderLedger> _merged = new(StringComparer.Ordinal);
    private readonly string? _orderId;
    private readonly IActorRef _requester;
    private readonly IReadOnlyList<IActorRef> _participants;
    private readonly TimeSpan _timeout;
    private int _pending;

    public LedgerQueryAggregator(string? orderId, IActorRef requester, IReadOnlyList<IActorRef> participants, TimeSpan timeout)
    {
        _orderId = orderId;
        _requester = requester;
        _participants = participants;
        _timeout = timeout;
        _pending = participants.Count;

        Receive<LedgerRows>(OnRows);
        Receive<ReceiveTimeout>(_ =>
        {
            Context.GetLogger().Warning("Ledger query for {0}: {1} simulator(s) did not answer within {2}", _orderId ?? "all orders", _pending, _timeout);
            _requester.Tell(new Status.Failure(new TimeoutException($"{_pending} simulated participant(s) did not answer the ledger query within {_timeout}.")));
            Context.Stop(Self);
        });
    }

    public static Props Props(string? orderId, IActorRef requester, IReadOnlyList<IActorRef> participants, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new LedgerQueryAggregator(orderId, requester, participants, timeout));

    protected override void PreStart()
    {
        foreach (var participant in _participants) participant.Tell(new LedgerQuery(_orderId), Self);
        Context.SetReceiveTimeout(_timeout);
    }

    private void OnRows(LedgerRows rows)
    {
        foreach (var row in rows.Rows)
        {
            var merged = _merged.TryGetValue(row.OrderId, out var existing) ? existing : OrderLedger.Empty(row.OrderId);
            _merged[row.OrderId] = row.FillInto(merged);
        }

        if (--_pending > 0) return;

        var orders = _merged.Values.OrderBy(o => o.OrderId, StringComparer.Ordinal).ToList();
        _requester.Tell(new LedgerReport(orders));
        Context.Stop(Self);
    }
}
