using Akka.Actor;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Participants;

/// <summary>How the simulated participants behave (latency and random transient failures).</summary>
/// <param name="MinLatency">Shortest delay before a reply.</param>
/// <param name="MaxLatency">Longest delay before a reply (uniformly random in between).</param>
/// <param name="FailureRate">Probability (0..1) that a request fails transiently, with no effect, and must be retried.</param>
public sealed record SimulatorSettings(TimeSpan MinLatency, TimeSpan MaxLatency, double FailureRate)
{
    /// <summary>Answer at once, never fail at random: only the documented test values change outcomes.</summary>
    public static readonly SimulatorSettings Instant = new(TimeSpan.Zero, TimeSpan.Zero, 0);

    /// <summary>Throws <see cref="ArgumentException"/> when the latency range or the failure rate is not usable.</summary>
    public void Validate()
    {
        if (MinLatency < TimeSpan.Zero || MaxLatency < MinLatency)
            throw new ArgumentException($"Latency must satisfy 0 <= MinLatency <= MaxLatency (got {MinLatency} .. {MaxLatency}).");
        if (double.IsNaN(FailureRate) || FailureRate is < 0 or > 1)
            throw new ArgumentException($"FailureRate must be between 0 and 1 (got {FailureRate}).");
    }
}

/// <summary>What one order did at the simulated participants, for consistency checks.</summary>
/// <param name="Charges">Distinct payment authorizations applied (idempotency makes this 0 or 1).</param>
/// <param name="PaymentRequests">AuthorizePayment requests received, repeats included.</param>
/// <param name="Charged">Total amount authorized; it stays recorded after a refund.</param>
/// <param name="Refunded">True once a refund undid an existing charge (a refund with nothing to refund leaves it false).</param>
/// <param name="Reserved">True once stock was reserved; it stays true after a release.</param>
/// <param name="Released">True once a release undid an existing reservation.</param>
/// <param name="Shipped">True once a shipment was scheduled; it stays true after a cancellation.</param>
/// <param name="ShipmentCancelled">True once a cancellation undid a scheduled shipment.</param>
public sealed record OrderLedger(
    string OrderId,
    int Charges,
    int PaymentRequests,
    decimal Charged,
    bool Refunded,
    bool Reserved,
    bool Released,
    bool Shipped,
    bool ShipmentCancelled)
{
    /// <summary>The row of an order nothing has happened to yet.</summary>
    public static OrderLedger Empty(string orderId) => new(orderId, 0, 0, 0m, false, false, false, false, false);
}

/// <summary>Ask a simulated participant set for its ledgers: answered with <see cref="LedgerReport"/>.</summary>
/// <param name="OrderId">One order, or null for all.</param>
public sealed record GetLedger(string? OrderId);

/// <summary>The ledgers of the simulated participants, one row per order they have seen (ordered by order id).</summary>
public sealed record LedgerReport(IReadOnlyList<OrderLedger> Orders);

/// <summary>The running simulated participants.</summary>
/// <param name="Refs">Where the saga sends its requests (give it to the order actors).</param>
/// <param name="Ledger">Answers <see cref="GetLedger"/>; also forwards <see cref="HealCustomer"/> to the payment service.</param>
public sealed record SimulatedParticipants(ParticipantRefs Refs, IActorRef Ledger);

/// <summary>
/// Makes refunds succeed again for customers whose id starts with <see cref="CustomerIdPrefix"/>
/// (the <c>norefund</c> test value fails every refund until healed). Send it to the payment
/// simulator or to the ledger actor; it is answered with <see cref="CustomerHealed"/>. It is permanent.
/// </summary>
public sealed record HealCustomer(string CustomerIdPrefix);

/// <summary>Confirms a <see cref="HealCustomer"/>: refunds processed after this reply succeed.</summary>
public sealed record CustomerHealed(string CustomerIdPrefix);

/// <summary>Actor paths without an address (e.g. <c>/user/participants-payment</c>) of the three simulators.</summary>
public sealed record ParticipantPaths(string Payment, string Inventory, string Shipping);
