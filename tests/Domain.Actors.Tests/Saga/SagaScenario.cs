using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>
/// Base of the saga scenarios: one order actor on the in-memory journal, with a TestProbe per
/// participant so each scenario scripts exactly how payment, inventory and shipping answer.
/// With <c>virtualTime</c> the actor system runs on Akka's <see cref="TestScheduler"/> and the
/// order's clock reads it: timeouts and backoffs fire when the scenario advances time, never by waiting.
/// </summary>
public abstract class SagaScenario : TestKit
{
    protected const string OrderId = "order-1";

    protected static readonly SagaSettings FastSettings = TestSettings.Fast(
        TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), 0, TimeSpan.FromMilliseconds(300));

    protected SagaScenario(ITestOutputHelper output, bool virtualTime = false)
        : base(virtualTime ? TestSettings.InMemoryPersistence + "\n" + TestSettings.VirtualTime : TestSettings.InMemoryPersistence, output)
    {
        Clock = virtualTime ? new SchedulerClock(Sys.Scheduler) : TimeProvider.System;
        Payment = CreateTestProbe("payment");
        Inventory = CreateTestProbe("inventory");
        Shipping = CreateTestProbe("shipping");
        Passivations = CreateTestProbe("passivations");
        foreach (var probe in new[] { Payment, Inventory, Shipping }) probe.IgnoreMessages(m => m is ParticipantReplyAck);
    }

    protected TestProbe Payment { get; }
    protected TestProbe Inventory { get; }
    protected TestProbe Shipping { get; }
    protected TestProbe Passivations { get; }
    protected IActorRef Order { get; private set; } = ActorRefs.Nobody;

    /// <summary>Where the order publishes its view (nowhere unless a scenario looks).</summary>
    protected virtual IOrderViewPublisher Views => NoViewPublisher.Instance;

    /// <summary>The clock the order and its steps read (the test scheduler's in virtual time).</summary>
    protected TimeProvider Clock { get; }

    /// <summary>The virtual clock; only in scenarios constructed with virtualTime.</summary>
    protected TestScheduler Time => (TestScheduler)Sys.Scheduler;

    protected ParticipantRefs Participants => new(Payment.Ref, Inventory.Ref, Shipping.Ref);

    /// <summary>Starts (or restarts, after <see cref="StopOrder"/>) the order's entity under a parent that stands in for its shard.</summary>
    protected IActorRef StartOrder(SagaSettings? settings = null, string orderId = OrderId)
    {
        var props = OrderActor.Props(orderId, Participants, settings ?? FastSettings, Clock, Views);
        Order = Sys.ActorOf(Akka.Actor.Props.Create(() => new ShardStandIn(props, Passivations.Ref)));
        return Order;
    }

    /// <summary>Stops the entity the way a crash or a node stop would: nothing is handed over.</summary>
    protected void StopOrder()
    {
        Watch(Order);
        Sys.Stop(Order);
        ExpectTerminated(Order);
    }

    protected OrderAccepted Place(PlaceOrder? order = null)
    {
        Order.Tell(order ?? OrderBuilder.AnOrder(OrderId).Build(), TestActor);
        return ExpectMsg<OrderAccepted>();
    }

    protected static ParticipantRequest Expect(TestProbe participant, ParticipantAction action) =>
        participant.ExpectMsg<ParticipantRequest>(r => r.Action == action, TimeSpan.FromSeconds(5));

    protected static void Answer(TestProbe participant, ParticipantRequest request, ParticipantOutcome outcome = ParticipantOutcome.Succeeded, string? reason = null) =>
        participant.Reply(new ParticipantReply(request.OrderId, request.Action, request.RequestId, outcome, $"ref-{request.Action}", reason));

    /// <summary>Expects the request for an action and answers it.</summary>
    protected static ParticipantRequest Step(TestProbe participant, ParticipantAction action, ParticipantOutcome outcome = ParticipantOutcome.Succeeded, string? reason = null)
    {
        var request = Expect(participant, action);
        Answer(participant, request, outcome, reason);
        return request;
    }

    /// <summary>The order's view, asked with a probe (no blocking on a task).</summary>
    protected OrderView View()
    {
        var probe = CreateTestProbe();
        Order.Tell(new GetOrder(OrderId), probe.Ref);
        return probe.ExpectMsg<OrderView>(TimeSpan.FromSeconds(5));
    }

    protected OrderView AwaitStatus(OrderStatus status)
    {
        AwaitAssert(() => View().Status.ShouldBe(status), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20));
        return View();
    }

    /// <summary>The forward steps' timeout in <see cref="FastSettings"/>.</summary>
    protected static TimeSpan StepTimeout => FastSettings.Steps.Timeout;

    /// <summary>The backoff before a forward step's attempt (no jitter in <see cref="FastSettings"/>, so it is exact).</summary>
    protected static TimeSpan StepBackoff(int nextAttempt) => FastSettings.Steps.BackoffBefore(nextAttempt, new Random(0));

    /// <summary>
    /// Virtual time: lets the current attempt time out and waits until the order has stored the
    /// failure (the step arms its retry timer before it reports, so the backoff can be advanced next).
    /// </summary>
    protected void LetAttemptTimeOut(long versionAfter)
    {
        Time.Advance(StepTimeout);
        AwaitAssert(() => View().Version.ShouldBe(versionAfter), TimeSpan.FromSeconds(5));
    }

    protected void ExpectNoRequests(TimeSpan? within = null)
    {
        var window = within ?? TimeSpan.FromMilliseconds(300);
        Payment.ExpectNoMsg(window);
        Inventory.ExpectNoMsg(TimeSpan.Zero);
        Shipping.ExpectNoMsg(TimeSpan.Zero);
    }

    /// <summary>Stands in for the shard: forwards to the entity and reports its Passivate requests.</summary>
    private sealed class ShardStandIn : ReceiveActor
    {
        public ShardStandIn(Props entity, IActorRef passivations)
        {
            var child = Context.ActorOf(entity, "entity");
            Context.Watch(child);
            Receive<Passivate>(p =>
            {
                passivations.Tell(p);
                child.Tell(p.StopMessage);
            });
            Receive<Terminated>(_ => Context.Stop(Self));
            ReceiveAny(m => child.Forward(m));
        }
    }
}
