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
}

/// <summary>What one order did at the simulated participants, for consistency checks.</summary>
/// <param name="Charges">Distinct payment authorizations applied (idempotency makes this 0 or 1).</param>
/// <param name="PaymentRequests">AuthorizePayment requests received, repeats included.</param>
public sealed record OrderLedger(
    string OrderId,
    int Charges,
    int PaymentRequests,
    decimal Charged,
    bool Refunded,
    bool Reserved,
    bool Released,
    bool Shipped,
    bool ShipmentCancelled);

/// <summary>Ask a simulated participant set for its ledgers: answered with <see cref="LedgerReport"/>.</summary>
/// <param name="OrderId">One order, or null for all.</param>
public sealed record GetLedger(string? OrderId);

/// <summary>The ledgers of the simulated participants, one row per order they have seen.</summary>
public sealed record LedgerReport(IReadOnlyList<OrderLedger> Orders);

/// <summary>The running simulated participants.</summary>
public sealed record SimulatedParticipants(ParticipantRefs Refs, IActorRef Ledger);
