using System.Diagnostics;
using Akka.Actor;
using ActorOrders.Domain.Participants;
using ActorOrders.Participants.Tests.Support;
using Xunit.Abstractions;
using static ActorOrders.Contracts.ParticipantAction;

namespace ActorOrders.Participants.Tests;

/// <summary>Configured latency delays replies without blocking the simulator; the random failure rate fails before any effect.</summary>
public sealed class LatencyAndFailureSpecs(ITestOutputHelper output) : SimulatorSpec(output)
{
    [Fact]
    public void A_reply_arrives_at_the_original_sender_no_sooner_than_the_minimum_latency()
    {
        var slow = Simulators.Start(Sys, new SimulatorSettings(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(400), 0), "slow");
        var sender = CreateTestProbe();

        var clock = Stopwatch.StartNew();
        slow.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment), sender.Ref);
        var reply = sender.ExpectMsg<ParticipantReply>(Patience);
        clock.Stop();

        reply.Outcome.ShouldBe(ParticipantOutcome.Succeeded);
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_simulator_keeps_serving_while_a_delayed_reply_is_pending()
    {
        var slow = Simulators.Start(Sys, new SimulatorSettings(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), 0), "slow");
        var sender = CreateTestProbe();
        slow.Refs.Payment.Tell(Requests.For("o-1", AuthorizePayment), sender.Ref);

        // The ledger query is served by the same payment actor: it answers before the reply is due.
        var ledger = Query(new GetLedger("o-1"), slow.Ledger);

        sender.HasMessages.ShouldBeFalse();
        ledger.Orders.Single().Charges.ShouldBe(1);
        sender.ExpectMsg<ParticipantReply>(Patience).Reference.ShouldBe("pay-o-1");
    }

    [Fact]
    public void A_failure_rate_of_one_fails_every_request_transiently_with_no_effect()
    {
        var flaky = Simulators.Start(Sys, new SimulatorSettings(TimeSpan.Zero, TimeSpan.Zero, 1.0), "flaky");

        foreach (var action in new[] { AuthorizePayment, ReserveInventory, ScheduleShipment })
        {
            flaky.Refs.For(action).Tell(Requests.For("o-1", action), TestActor);
            ExpectMsg<ParticipantReply>(Patience).Outcome.ShouldBe(ParticipantOutcome.TransientFailure);
        }

        Query(new GetLedger("o-1"), flaky.Ledger).Orders.Single().ShouldBe(OrderLedger.Empty("o-1") with { PaymentRequests = 1 });
    }

    [Theory]
    [InlineData(-1.0, 0, 0)]
    [InlineData(1.5, 0, 0)]
    [InlineData(0.0, 200, 100)]
    public void Unusable_settings_are_rejected_at_start(double failureRate, int minMs, int maxMs)
    {
        var settings = new SimulatorSettings(TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs), failureRate);

        Should.Throw<ArgumentException>(() => Simulators.Start(Sys, settings, "bad"));
    }
}
