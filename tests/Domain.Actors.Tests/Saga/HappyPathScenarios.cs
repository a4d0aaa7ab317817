using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class HappyPathScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    [Fact]
    public void An_order_goes_through_payment_inventory_and_shipping_to_completed()
    {
        StartOrder();
        Place().ShouldBe(new OrderAccepted(OrderId, OrderStatus.AwaitingPayment, Created: true));

        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment);

        var view = AwaitStatus(OrderStatus.Completed);
        view.PaymentReference.ShouldBe("ref-AuthorizePayment");
        view.TrackingReference.ShouldBe("ref-ScheduleShipment");
        view.Total.ShouldBe(25.50m);
    }

    [Fact]
    public void Each_request_carries_the_order_amount_and_a_deterministic_idempotency_key()
    {
        StartOrder();
        Place();

        var request = Expect(Payment, ParticipantAction.AuthorizePayment);
        request.IdempotencyKey.ShouldBe($"{OrderId}:AuthorizePayment");
        request.Order.Amount.ShouldBe(25.50m);
        request.Order.Currency.ShouldBe("USD");
        request.RequestId.ShouldStartWith(request.IdempotencyKey + "#");
    }

    [Fact]
    public void Steps_run_one_at_a_time_in_order()
    {
        StartOrder();
        Place();

        var payment = Expect(Payment, ParticipantAction.AuthorizePayment);
        Inventory.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Answer(Payment, payment);
        var reserve = Expect(Inventory, ParticipantAction.ReserveInventory);
        Shipping.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Answer(Inventory, reserve);
        Expect(Shipping, ParticipantAction.ScheduleShipment);
    }

    [Fact]
    public void A_completed_order_asks_its_shard_to_passivate_it()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment);

        Passivations.ExpectMsg<Akka.Cluster.Sharding.Passivate>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_order_in_flight_does_not_passivate()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);

        Passivations.ExpectNoMsg(FastSettings.PassivateAfter * 3);
    }

    [Fact]
    public void A_finished_order_is_announced_once_on_the_event_stream()
    {
        var finished = CreateTestProbe();
        Sys.EventStream.Subscribe(finished.Ref, typeof(OrderFinished));
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");

        finished.ExpectMsg<OrderFinished>().Status.ShouldBe(OrderStatus.Rejected);
        StopOrder();
        StartOrder();
        View().Status.ShouldBe(OrderStatus.Rejected);
        finished.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
