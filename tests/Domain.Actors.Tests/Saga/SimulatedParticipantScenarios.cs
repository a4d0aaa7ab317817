using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ActorOrders.Domain.Participants;
using ActorOrders.Contracts;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.Tests.Support;
using ActorOrders.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>The saga against the simulated participants and their ledgers: every documented test value, end to end.</summary>
public sealed class SimulatedParticipantScenarios(ITestOutputHelper output) : TestKit(TestSettings.InMemoryPersistence, output)
{
    private static readonly SagaSettings Settings = TestSettings.Fast(
        TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), 0.5, TimeSpan.FromSeconds(30));

    private SimulatedParticipants? _participants;

    private SimulatedParticipants Participants => _participants ??= Simulators.Start(Sys, SimulatorSettings.Instant, "sim");

    private IActorRef Start(string orderId) => Sys.ActorOf(OrderActor.Props(orderId, Participants.Refs, Settings), orderId);

    private OrderView View(IActorRef order, string orderId)
    {
        var probe = CreateTestProbe();
        order.Tell(new GetOrder(orderId), probe.Ref);
        return probe.ExpectMsg<OrderView>(TimeSpan.FromSeconds(3));
    }

    private OrderView AwaitStatus(IActorRef order, string orderId, OrderStatus status)
    {
        AwaitAssert(() => View(order, orderId).Status.ShouldBe(status), TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(20));
        return View(order, orderId);
    }

    private static OrderLedger Ledger(SimulatedParticipants participants, string orderId, TestKitBase kit)
    {
        var probe = kit.CreateTestProbe();
        participants.Ledger.Tell(new GetLedger(orderId), probe.Ref);
        return probe.ExpectMsg<LedgerReport>(TimeSpan.FromSeconds(5)).Orders.ShouldHaveSingleItem();
    }

    private OrderLedger Ledger(string orderId) => Ledger(Participants, orderId, this);

    private OrderView Run(PlaceOrder order, OrderStatus expected)
    {
        var actor = Start(order.OrderId);
        actor.Tell(order, TestActor);
        ExpectMsg<OrderAccepted>().Created.ShouldBeTrue();
        return AwaitStatus(actor, order.OrderId, expected);
    }

    [Fact]
    public void An_ordinary_order_is_charged_reserved_and_shipped_once()
    {
        Run(OrderBuilder.AnOrder("ok-1").Build(), OrderStatus.Completed);
        Ledger("ok-1").ShouldBe(new OrderLedger("ok-1", 1, 1, 25.50m, false, true, false, true, false));
    }

    [Fact]
    public void A_customer_starting_with_decline_is_rejected_and_never_charged()
    {
        Run(OrderBuilder.AnOrder("dec-1").For("decline-bob").Build(), OrderStatus.Rejected).Reason.ShouldNotBeNull();
        Ledger("dec-1").Charges.ShouldBe(0);
    }

    [Fact]
    public void An_out_of_stock_sku_is_refunded_and_cancelled()
    {
        Run(OrderBuilder.AnOrder("oos-1").WithLines(new OrderLine("OOS-9", 1, 3m)).Build(), OrderStatus.Cancelled);
        var ledger = Ledger("oos-1");
        (ledger.Charges, ledger.Refunded, ledger.Reserved).ShouldBe((1, true, false));
    }

    [Fact]
    public void An_unshippable_country_is_released_refunded_and_cancelled()
    {
        Run(OrderBuilder.AnOrder("zz-1").ShippingTo("ZZ").Build(), OrderStatus.Cancelled);
        var ledger = Ledger("zz-1");
        (ledger.Charges, ledger.Refunded, ledger.Reserved, ledger.Released, ledger.Shipped).ShouldBe((1, true, true, true, false));
    }

    [Fact]
    public void A_payment_service_that_never_answers_rejects_the_order_after_its_retries()
    {
        var view = Run(OrderBuilder.AnOrder("nr-1").For("noreply-carol").Build(), OrderStatus.Rejected);
        view.Reason.ShouldNotBeNull().ShouldContain("3 attempts");
        var ledger = Ledger("nr-1");
        (ledger.PaymentRequests, ledger.Charges).ShouldBe((3, 0));
    }

    [Fact]
    public async Task Refunds_that_keep_failing_need_attention_and_RetryOrder_finishes_the_job_once_healed()
    {
        var order = OrderBuilder.AnOrder("nf-1").For("norefund-dave").WithLines(new OrderLine("OOS-1", 1, 5m)).Build();
        var actor = Start(order.OrderId);
        actor.Tell(order, TestActor);
        ExpectMsg<OrderAccepted>();
        AwaitStatus(actor, order.OrderId, OrderStatus.AttentionRequired).Reason.ShouldNotBeNull().ShouldContain("RefundPayment");
        Ledger("nf-1").Refunded.ShouldBeFalse();

        await Participants.Ledger.Ask<CustomerHealed>(new HealCustomer("norefund-dave"), TimeSpan.FromSeconds(5));
        (await actor.Ask<OrderAccepted>(new RetryOrder(order.OrderId), TimeSpan.FromSeconds(5))).Status.ShouldBe(OrderStatus.Compensating);

        AwaitStatus(actor, order.OrderId, OrderStatus.Cancelled);
        Ledger("nf-1").Refunded.ShouldBeTrue();
    }

    [Fact]
    public void An_order_restarted_mid_saga_completes_with_exactly_one_charge()
    {
        var simulators = Simulators.Start(Sys, SimulatorSettings.Instant, "held");
        // Payment requests stop at this probe; the test decides when each reaches the simulator.
        var payment = CreateTestProbe("held-payment");
        var refs = simulators.Refs with { Payment = payment.Ref };
        var order = OrderBuilder.AnOrder("crash-1").Build();
        var first = Sys.ActorOf(OrderActor.Props(order.OrderId, refs, Settings));
        first.Tell(order, TestActor);
        ExpectMsg<OrderAccepted>();
        var inFlight = payment.ExpectMsg<ParticipantRequest>();

        // Stop the order, then let the authorization reach the participant: it charges, and its reply goes nowhere.
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        simulators.Refs.Payment.Tell(inFlight, payment.Ref);
        payment.ExpectMsg<ParticipantReply>().Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        Ledger(simulators, order.OrderId, this).Charges.ShouldBe(1);

        var second = Sys.ActorOf(OrderActor.Props(order.OrderId, refs, Settings));
        var resent = payment.ExpectMsg<ParticipantRequest>();
        resent.IdempotencyKey.ShouldBe(inFlight.IdempotencyKey);
        simulators.Refs.Payment.Tell(resent, payment.LastSender);

        AwaitStatus(second, order.OrderId, OrderStatus.Completed);
        var ledger = Ledger(simulators, order.OrderId, this);
        ledger.Charges.ShouldBe(1);
        ledger.PaymentRequests.ShouldBe(2, "the resent authorization reached the participant and was recognised as a repeat");
    }
}
