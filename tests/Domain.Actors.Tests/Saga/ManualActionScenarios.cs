using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>The admin API's commands against a running order: who asked is answered for, the saga changes course.</summary>
public sealed class ManualActionScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    private const string Ops = "ops@example";

    [Fact]
    public void A_forced_compensation_stops_the_running_step_undoes_it_and_ends_cancelled()
    {
        StartOrder(FastSettings with { PassivateAfter = TimeSpan.FromMinutes(1) });
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Expect(Inventory, ParticipantAction.ReserveInventory);

        Order.Tell(new ForceCompensation(OrderId, "stuck in the warehouse", Ops), TestActor);
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Inventory, ParticipantAction.ReleaseInventory);
        Step(Payment, ParticipantAction.RefundPayment);

        AwaitStatus(OrderStatus.Cancelled).Reason.ShouldBe("stuck in the warehouse");
        ExpectNoRequests();
    }

    [Fact]
    public void A_forced_compensation_of_a_stalled_order_runs_the_stalled_undo_again()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory, ParticipantOutcome.Refused, "out of stock");
        for (var attempt = 1; attempt <= FastSettings.Compensations.MaxAttempts; attempt++)
            Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank down");
        AwaitStatus(OrderStatus.AttentionRequired);

        Order.Tell(new ForceCompensation(OrderId, "bank is back", Ops), TestActor);
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);

        AwaitStatus(OrderStatus.Cancelled);
    }

    [Fact]
    public void A_forced_compensation_after_shipment_is_refused_and_changes_nothing()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment);
        var completed = AwaitStatus(OrderStatus.Completed);

        Order.Tell(new ForceCompensation(OrderId, "too late", Ops), TestActor);
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.TooLate);
        View().Version.ShouldBe(completed.Version);
    }

    [Fact]
    public void An_operators_retry_re_drives_a_stalled_compensation_to_cancelled()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory, ParticipantOutcome.Refused, "out of stock");
        for (var attempt = 1; attempt <= FastSettings.Compensations.MaxAttempts; attempt++)
            Step(Payment, ParticipantAction.RefundPayment, ParticipantOutcome.TransientFailure, "bank down");
        AwaitStatus(OrderStatus.AttentionRequired);

        Order.Tell(new ManualRetry(OrderId, Ops), TestActor);
        ExpectMsg<OrderAccepted>().Status.ShouldBe(OrderStatus.Compensating);
        Step(Payment, ParticipantAction.RefundPayment);

        AwaitStatus(OrderStatus.Cancelled);
    }
}
