using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>Replies delivered to the order itself (as the Kafka transport does) that it does not await change nothing.</summary>
public sealed class ReplyScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    private ParticipantReplyAck Deliver(ParticipantRequest request, ParticipantAction? action = null, string? requestId = null)
    {
        Order.Tell(new ParticipantReply(OrderId, action ?? request.Action, requestId ?? request.RequestId, ParticipantOutcome.Succeeded, "ref", null), TestActor);
        return ExpectMsg<ParticipantReplyAck>();
    }

    [Fact]
    public void A_reply_delivered_through_the_order_answers_the_current_step()
    {
        StartOrder();
        Place();
        var request = Expect(Payment, ParticipantAction.AuthorizePayment);

        Deliver(request).Applied.ShouldBeTrue();
        Expect(Inventory, ParticipantAction.ReserveInventory);
    }

    [Fact]
    public void A_duplicate_reply_is_acknowledged_and_ignored()
    {
        StartOrder();
        Place();
        var request = Step(Payment, ParticipantAction.AuthorizePayment);
        Expect(Inventory, ParticipantAction.ReserveInventory);

        Deliver(request).Applied.ShouldBeFalse();
        View().Status.ShouldBe(OrderStatus.AwaitingInventory);
        View().Version.ShouldBe(2);
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void An_out_of_order_reply_for_a_later_step_is_acknowledged_and_ignored()
    {
        StartOrder();
        Place();
        var request = Expect(Payment, ParticipantAction.AuthorizePayment);

        Deliver(request, ParticipantAction.ScheduleShipment, $"{OrderId}:ScheduleShipment#x.1").Applied.ShouldBeFalse();
        View().Status.ShouldBe(OrderStatus.AwaitingPayment);
        Shipping.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_reply_to_a_previous_execution_of_the_step_is_acknowledged_and_ignored()
    {
        StartOrder();
        Place();
        var beforeCrash = Expect(Payment, ParticipantAction.AuthorizePayment);
        StopOrder();
        StartOrder();
        var afterRestart = Expect(Payment, ParticipantAction.AuthorizePayment);
        afterRestart.RequestId.ShouldNotBe(beforeCrash.RequestId);

        Deliver(beforeCrash).Applied.ShouldBeFalse();
        View().Status.ShouldBe(OrderStatus.AwaitingPayment);

        Deliver(afterRestart).Applied.ShouldBeTrue();
        Expect(Inventory, ParticipantAction.ReserveInventory);
    }

    [Fact]
    public void A_late_reply_to_a_finished_order_is_acknowledged_and_ignored()
    {
        StartOrder();
        Place();
        var request = Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");
        AwaitStatus(OrderStatus.Rejected);

        Deliver(request).Applied.ShouldBeFalse();
        View().Status.ShouldBe(OrderStatus.Rejected);
    }
}
