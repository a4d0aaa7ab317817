using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Tests.Support;
using Xunit.Abstractions;
using static ActorOrders.Contracts.ParticipantAction;

namespace ActorOrders.Participants.Tests;

/// <summary>A request whose idempotency key was already applied is answered as the first time and never applied again.</summary>
public sealed class IdempotencySpecs(ITestOutputHelper output) : SimulatorSpec(output)
{
    [Fact]
    public void A_repeated_authorization_with_the_same_key_gets_the_same_reply_and_charges_once()
    {
        var first = Send(Requests.For("o-1", AuthorizePayment, attempt: 1));
        var repeat = Send(Requests.For("o-1", AuthorizePayment, attempt: 2));

        repeat.Outcome.ShouldBe(first.Outcome);
        repeat.Reference.ShouldBe(first.Reference);
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(
            l => l.Charges.ShouldBe(1),
            l => l.PaymentRequests.ShouldBe(2),
            l => l.Charged.ShouldBe(25.00m));
    }

    [Fact]
    public void An_authorization_repeated_after_its_refund_replays_the_first_answer_without_charging_again()
    {
        var first = Send(Requests.For("o-1", AuthorizePayment, attempt: 1));
        Send(Requests.For("o-1", RefundPayment));

        var repeat = Send(Requests.For("o-1", AuthorizePayment, attempt: 2));

        repeat.ShouldBe(first with { RequestId = repeat.RequestId });
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(l => l.Charges.ShouldBe(1), l => l.Refunded.ShouldBeTrue());
    }

    [Fact]
    public void A_repeated_refusal_is_refused_again_with_the_same_reason()
    {
        var order = Requests.Order(sku: "OOS-9");
        var first = Send(Requests.For("o-1", ReserveInventory, order, attempt: 1));
        var repeat = Send(Requests.For("o-1", ReserveInventory, order, attempt: 2));

        repeat.Outcome.ShouldBe(ParticipantOutcome.Refused);
        repeat.Reason.ShouldBe(first.Reason);
    }

    [Fact]
    public void An_authorization_under_a_different_key_is_a_second_charge_which_the_ledger_exposes()
    {
        Send(Requests.For("o-1", AuthorizePayment));

        var second = Send(Requests.For("o-1", AuthorizePayment, key: "o-1:AuthorizePayment:buggy"));

        second.Reference.ShouldBe("pay-o-1-2");
        LedgerOf("o-1")!.ShouldSatisfyAllConditions(l => l.Charges.ShouldBe(2), l => l.Charged.ShouldBe(50.00m));
    }

    [Fact]
    public void A_repeated_refund_gets_the_same_answer_as_the_first()
    {
        Send(Requests.For("o-1", AuthorizePayment));
        var first = Send(Requests.For("o-1", RefundPayment, attempt: 1));
        var repeat = Send(Requests.For("o-1", RefundPayment, attempt: 2));

        repeat.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        repeat.Reference.ShouldBe(first.Reference);
    }
}
