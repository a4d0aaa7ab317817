using Akka.Actor;
using Akka.Persistence;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

public sealed class RecoveryScenarios(ITestOutputHelper output) : SagaScenario(output)
{
    [Fact]
    public void After_a_crash_the_order_re_sends_the_pending_request_with_the_same_key_and_completes()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        var before = Expect(Inventory, ParticipantAction.ReserveInventory);

        StopOrder();
        StartOrder();

        var resent = Expect(Inventory, ParticipantAction.ReserveInventory);
        resent.IdempotencyKey.ShouldBe(before.IdempotencyKey);
        Answer(Inventory, resent);
        Step(Shipping, ParticipantAction.ScheduleShipment);
        AwaitStatus(OrderStatus.Completed);
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void After_a_crash_a_compensation_in_progress_resumes()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment, ParticipantOutcome.Refused, "cannot ship");
        Step(Inventory, ParticipantAction.ReleaseInventory);
        Expect(Payment, ParticipantAction.RefundPayment);

        StopOrder();
        StartOrder();

        Step(Payment, ParticipantAction.RefundPayment);
        AwaitStatus(OrderStatus.Cancelled);
        Inventory.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_finished_order_recovers_without_asking_anyone_anything()
    {
        StartOrder();
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");
        AwaitStatus(OrderStatus.Rejected);
        StopOrder();

        StartOrder();
        View().Status.ShouldBe(OrderStatus.Rejected);
        ExpectNoRequests();
    }

    [Fact]
    public void A_finished_order_restarted_by_its_shard_passivates_again_after_a_moment()
    {
        var patient = FastSettings with { PassivateAfter = TimeSpan.FromMinutes(5) };
        StartOrder(patient);
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment, ParticipantOutcome.Refused, "declined");
        AwaitStatus(OrderStatus.Rejected);
        Passivations.ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
        StopOrder();

        StartOrder(patient);
        Passivations.ExpectMsg<Akka.Cluster.Sharding.Passivate>(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Placing_the_same_order_again_returns_it_without_a_second_charge()
    {
        StartOrder();
        Place().Created.ShouldBeTrue();
        Expect(Payment, ParticipantAction.AuthorizePayment);

        var again = Place();
        again.Created.ShouldBeFalse();
        again.Status.ShouldBe(OrderStatus.AwaitingPayment);
        Payment.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        View().Version.ShouldBe(1);
    }

    [Fact]
    public void Placing_the_same_id_with_different_content_is_refused_as_a_conflict()
    {
        StartOrder();
        Place();
        Order.Tell(OrderBuilder.AnOrder(OrderId).For("mallory").Build(), TestActor);
        ExpectMsg<OrderCommandRejected>().Code.ShouldBe(RejectionCode.Conflict);
        View().CustomerId.ShouldBe("alice");
    }

    [Fact]
    public void Snapshots_are_taken_every_n_events_and_recovery_starts_from_them()
    {
        StartOrder(FastSettings with { SnapshotEvery = 2 });
        Place();
        Step(Payment, ParticipantAction.AuthorizePayment);
        Step(Inventory, ParticipantAction.ReserveInventory);
        Step(Shipping, ParticipantAction.ScheduleShipment);
        AwaitStatus(OrderStatus.Completed);

        AwaitAssert(() =>
        {
            var store = Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
            var loaded = store.Ask<LoadSnapshotResult>(
                new LoadSnapshot(OrderActor.PersistenceIdPrefix + OrderId, SnapshotSelectionCriteria.Latest, long.MaxValue), TimeSpan.FromSeconds(3)).Result;
            loaded.Snapshot.ShouldNotBeNull().Metadata.SequenceNr.ShouldBe(4);
        }, TimeSpan.FromSeconds(5));

        StopOrder();
        StartOrder(FastSettings with { SnapshotEvery = 2 });
        var view = View();
        view.Status.ShouldBe(OrderStatus.Completed);
        view.Version.ShouldBe(5);
    }
}
