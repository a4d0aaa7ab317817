namespace ActorOrders.Participants.Internal;

/// <summary>Asks one simulator for its rows (one order, or all when null); answered with <see cref="LedgerRows"/>.</summary>
internal sealed record LedgerQuery(string? OrderId);

/// <summary>One simulator's immutable snapshot of its ledger rows.</summary>
internal sealed record LedgerRows(IReadOnlyList<ILedgerRow> Rows);

/// <summary>A simulator's part of an order's <see cref="OrderLedger"/>.</summary>
internal interface ILedgerRow
{
    string OrderId { get; }

    /// <summary>Copies this participant's columns into the merged row.</summary>
    OrderLedger FillInto(OrderLedger row);
}
