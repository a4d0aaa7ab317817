using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>A running order publishes its view after every stored event, so reads on its node need no message to it.</summary>
public sealed class ViewScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    private readonly LocalOrderViews _views = new(finishedCapacity: 100);

    protected override IOrderViewPublisher Views => _views;

    [Fact]
    public void The_published_view_follows_every_stored_event_and_equals_what_the_order_answers()
    {
        StartOrder();
        Place();
        _views.Find(OrderId).ShouldNotBeNull().Status.ShouldBe(OrderStatus.AwaitingPayment);

        Step(Payment, ParticipantAction.AuthorizePayment);
        Expect(Inventory, ParticipantAction.ReserveInventory);
        AwaitAssert(() => _views.Find(OrderId)!.Version.ShouldBe(2));

        var asked = View();
        var published = _views.Find(OrderId)!;
        published.ShouldBe(asked with { Lines = published.Lines, PendingCompensations = published.PendingCompensations });
        published.Lines.ShouldBe(asked.Lines);
    }

    [Fact]
    public void An_order_stopped_in_flight_takes_its_view_with_it()
    {
        StartOrder();
        Place();
        Expect(Payment, ParticipantAction.AuthorizePayment);

        StopOrder();

        _views.Find(OrderId).ShouldBeNull("a stopped order in flight must be asked, not read from a stale view");
    }

    [Fact]
    public void A_finished_order_stays_readable_after_it_passivates()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");
        AwaitStatus(OrderStatus.Rejected);

        Passivations.ExpectMsg<Akka.Cluster.Sharding.Passivate>(TimeSpan.FromSeconds(5));
        AwaitAssert(() => _views.Running.ShouldBe(0));

        _views.Find(OrderId).ShouldNotBeNull().Status.ShouldBe(OrderStatus.Rejected);
    }

    [Fact]
    public void An_unknown_id_publishes_nothing()
    {
        StartOrder();
        Order.Tell(new GetOrder(OrderId), TestActor);
        ExpectMsg<OrderNotFound>();

        _views.Find(OrderId).ShouldBeNull();
    }
}
