using ActorOrders.Orders.Kafka.Ingest;
using Shouldly;
using Xunit;

namespace ActorOrders.Orders.Kafka.Tests;

public sealed class InFlightLimiterSpecs
{
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task A_placement_waits_for_a_finished_order_to_give_its_permit_back()
    {
        using var limiter = new InFlightLimiter(2, TimeSpan.FromMinutes(1), new ManualClock());
        await limiter.AcquireAsync("a", CancellationToken.None);
        await limiter.AcquireAsync("b", CancellationToken.None);

        var third = limiter.AcquireAsync("c", CancellationToken.None);
        // With no permit left the wait cannot have completed: nothing but a release or an expiry completes it.
        third.IsCompleted.ShouldBeFalse("the third saga must wait while two are in flight");

        limiter.Release("a");
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        limiter.InFlight.ShouldBe(2);
    }

    [Fact]
    public async Task The_same_order_holds_one_permit_and_an_unknown_release_gives_nothing_back()
    {
        using var limiter = new InFlightLimiter(1, TimeSpan.FromMinutes(1), new ManualClock());
        await limiter.AcquireAsync("a", CancellationToken.None);
        await limiter.AcquireAsync("a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        limiter.Release("never-placed");

        var other = limiter.AcquireAsync("b", CancellationToken.None);
        other.IsCompleted.ShouldBeFalse("a release of an order that holds nothing must not create a permit");
        limiter.Release("a");
        limiter.Release("a");
        await other.WaitAsync(TimeSpan.FromSeconds(10));
        limiter.InFlight.ShouldBe(1);
    }

    [Fact]
    public async Task A_permit_whose_order_never_reports_back_expires_after_the_hold()
    {
        var clock = new ManualClock();
        using var limiter = new InFlightLimiter(1, TimeSpan.FromSeconds(60), clock);
        await limiter.AcquireAsync("finished-elsewhere", CancellationToken.None);

        var next = limiter.AcquireAsync("next", CancellationToken.None);
        next.IsCompleted.ShouldBeFalse("the hold has not run out on the clock");
        clock.Advance(TimeSpan.FromSeconds(61));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Waiting_stops_when_the_stream_is_cancelled()
    {
        using var limiter = new InFlightLimiter(1, TimeSpan.FromMinutes(1), new ManualClock());
        await limiter.AcquireAsync("a", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync("b", cts.Token);
        cts.Cancel();
        await Should.ThrowAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
