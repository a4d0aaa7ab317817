using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Internal;

namespace ActorOrders.Participants;

/// <summary>
/// The simulated payment service: AuthorizePayment charges the order's amount once per
/// idempotency key, RefundPayment undoes the charge (or leaves a tombstone when it comes first).
/// Test values: <c>decline*</c> customers are refused, <c>noreply*</c> customers' authorizations
/// never reach the service (nothing charged, no answer), <c>lostreply*</c> customers are charged but
/// the answer is lost, <c>norefund*</c> customers' refunds fail transiently until <see cref="HealCustomer"/>,
/// <c>novoid*</c> customers' authorizations never arrive and their refunds fail until healed.
/// </summary>
internal sealed class PaymentSimulator : ParticipantSimulator<PaymentSimulator.Entry>
{
    private readonly List<string> _healed = [];

    public PaymentSimulator(SimulatorSettings settings) : base(settings)
    {
        Receive<HealCustomer>(h =>
        {
            _healed.Add(h.CustomerIdPrefix);
            Sender.Tell(new CustomerHealed(h.CustomerIdPrefix));
        });
    }

    /// <summary>Props of the payment simulator.</summary>
    public static Props Props(SimulatorSettings settings) => Akka.Actor.Props.Create(() => new PaymentSimulator(settings));

    protected override Entry NewEntry(string orderId) => new(orderId);

    protected override void Observe(ParticipantRequest request, Entry entry)
    {
        if (request.Action == ParticipantAction.AuthorizePayment) entry.Requests++;
    }

    protected override bool Drops(ParticipantRequest request) =>
        request.Action == ParticipantAction.AuthorizePayment
        && (TestValues.HasPrefix(request.Order.CustomerId, TestValues.NoReplyCustomer) || TestValues.HasPrefix(request.Order.CustomerId, TestValues.NoVoidCustomer));

    protected override bool LosesReply(ParticipantRequest request) =>
        request.Action == ParticipantAction.AuthorizePayment && TestValues.HasPrefix(request.Order.CustomerId, TestValues.LostReplyCustomer);

    protected override Decision Apply(ParticipantRequest request, Entry entry) => request.Action switch
    {
        ParticipantAction.AuthorizePayment => Authorize(request, entry),
        ParticipantAction.RefundPayment => Refund(request, entry),
        _ => Decision.Refused($"payment does not handle {request.Action}"),
    };

    protected override ILedgerRow Row(Entry entry) =>
        new PaymentRow(entry.OrderId, entry.Charges, entry.Requests, entry.Charged, entry.Refunded);

    private static Decision Authorize(ParticipantRequest request, Entry entry)
    {
        if (entry.Cancelled) return Decision.AlreadyCancelled;
        if (TestValues.HasPrefix(request.Order.CustomerId, TestValues.DeclinedCustomer)) return Decision.Refused("card declined");

        // A second, distinct key is a second authorization: that is what Charges exists to expose.
        entry.Charges++;
        entry.Charged += request.Order.Amount;
        return Decision.Succeeded(entry.Charges == 1 ? $"pay-{entry.OrderId}" : $"pay-{entry.OrderId}-{entry.Charges}");
    }

    private Decision Refund(ParticipantRequest request, Entry entry)
    {
        var customer = request.Order.CustomerId;
        if ((TestValues.HasPrefix(customer, TestValues.NoRefundCustomer) || TestValues.HasPrefix(customer, TestValues.NoVoidCustomer)) && !IsHealed(customer))
            return Decision.Transient($"refunds are failing for customer {customer}");

        // Tombstone first: an authorization that arrives after its refund must not charge.
        entry.Cancelled = true;
        if (entry.Charges == 0) return Decision.Succeeded(null, "nothing to refund");
        entry.Refunded = true;
        return Decision.Succeeded($"rfd-{entry.OrderId}");
    }

    private bool IsHealed(string customerId)
    {
        foreach (var prefix in _healed)
        {
            if (TestValues.HasPrefix(customerId, prefix)) return true;
        }

        return false;
    }

    /// <summary>One order's payment ledger entry; lives only inside the actor.</summary>
    internal sealed class Entry(string orderId)
    {
        public string OrderId { get; } = orderId;
        public int Requests { get; set; }
        public int Charges { get; set; }
        public decimal Charged { get; set; }
        public bool Refunded { get; set; }
        public bool Cancelled { get; set; }
    }

    private sealed record PaymentRow(string OrderId, int Charges, int Requests, decimal Charged, bool Refunded) : ILedgerRow
    {
        public OrderLedger FillInto(OrderLedger row) =>
            row with { Charges = Charges, PaymentRequests = Requests, Charged = Charged, Refunded = Refunded };
    }
}
