using System.Collections.Concurrent;
using System.Diagnostics;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.Telemetry;
using ActorOrders.Domain.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Domain.Tests.Saga;

/// <summary>
/// One trace per order: every span the order starts after its placement (steps, cancel, retry, forced
/// compensation) and every participant request it sends belong to the placement's trace, also when the
/// order was recovered from a snapshot and never replayed its OrderPlaced.
/// </summary>
public sealed class TracingScenarios : SagaScenario
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();

    public TracingScenarios(ITestOutputHelper output) : base(output)
    {
        // The source is static and shared by every test of the assembly: keep only this test's trace.
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == OrderTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.TraceId == _trace) _stopped.Enqueue(a);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    // A snapshot after every event; attempts that never time out on their own, so no retry races the restart.
    private static readonly SagaSettings Settings = FastSettings with
    {
        SnapshotEvery = 1,
        Steps = FastSettings.Steps with { Timeout = TimeSpan.FromMinutes(1) },
        Compensations = FastSettings.Compensations with { Timeout = TimeSpan.FromMinutes(1) },
    };

    private string PlacementContext => $"00-{_trace}-{ActivitySpanId.CreateRandom()}-01";

    [Fact]
    public void An_order_recovered_from_a_snapshot_keeps_its_trace_for_its_next_step_and_its_cancellation()
    {
        StartOrder(Settings);
        Place(OrderBuilder.AnOrder(OrderId).Build() with { TraceParent = PlacementContext });
        TraceOf(Step(Payment, ParticipantAction.AuthorizePayment)).ShouldBe(_trace);
        AwaitStatus(OrderStatus.AwaitingInventory);
        // The step sends its first request before the stop (else a late one would be taken for the resumed one below).
        Expect(Inventory, ParticipantAction.ReserveInventory);

        // Recovery now starts from the latest snapshot (taken after every event): OrderPlaced is not replayed.
        StopOrder();
        StartOrder(Settings);

        TraceOf(Expect(Inventory, ParticipantAction.ReserveInventory)).ShouldBe(_trace, "the resumed step's request is in the order's trace");
        Order.Tell(new CancelOrder(OrderId, "changed my mind"), TestActor);
        ExpectMsg<OrderAccepted>();
        TraceOf(Expect(Inventory, ParticipantAction.ReleaseInventory)).ShouldBe(_trace, "the compensation's request is in the order's trace");

        AwaitAssert(() =>
        {
            var names = _stopped.Select(a => a.DisplayName).ToList();
            names.ShouldContain("order place");
            names.ShouldContain("order cancel");
            names.ShouldContain($"order step {ParticipantAction.ReserveInventory}");
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
        _stopped.Single(a => a.DisplayName == "order cancel").GetTagItem("order.id").ShouldBe(OrderId);
    }

    [Fact]
    public void A_refused_retry_is_a_span_of_the_order_trace_that_names_the_refusal()
    {
        StartOrder();
        Place(OrderBuilder.AnOrder(OrderId).Build() with { TraceParent = PlacementContext });
        Expect(Payment, ParticipantAction.AuthorizePayment);

        // Nothing needs a retry while payment is awaited: the order refuses, and the span says so.
        Order.Tell(new RetryOrder(OrderId), TestActor);
        ExpectMsg<OrderCommandRejected>();

        AwaitAssert(() => _stopped.ShouldContain(a => a.DisplayName == "order retry"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
        _stopped.Single(a => a.DisplayName == "order retry").GetTagItem("command.refused").ShouldNotBeNull();
    }

    private static ActivityTraceId TraceOf(ParticipantRequest request) =>
        ActivityContext.Parse(request.TraceParent.ShouldNotBeNull(), null).TraceId;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _listener.Dispose();
        base.Dispose(disposing);
    }
}
