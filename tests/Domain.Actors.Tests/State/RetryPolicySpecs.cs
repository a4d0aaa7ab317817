using ActorOrders.Domain.Saga;

namespace ActorOrders.Domain.Tests.State;

public sealed class RetryPolicySpecs
{
    [Fact]
    public void Backoff_grows_exponentially_up_to_its_cap()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), Jitter: 0);
        var random = new Random(1);
        Enumerable.Range(2, 5).Select(n => policy.BackoffBefore(n, random).TotalMilliseconds).ShouldBe([100, 200, 400, 500, 500]);
    }

    [Fact]
    public void Jitter_shortens_a_delay_by_at_most_its_fraction()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), 10, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1000), Jitter: 0.5);
        var random = new Random(7);
        var delays = Enumerable.Range(0, 200).Select(_ => policy.BackoffBefore(2, random).TotalMilliseconds).ToList();
        delays.ShouldAllBe(d => d >= 500 && d <= 1000);
        delays.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void A_nonsensical_policy_is_refused_naming_the_setting() =>
        Should.Throw<ArgumentException>(() => SagaSettings.Default with { SnapshotEvery = -1 } is var s ? s.Validated() : null)
            .Message.ShouldContain("Saga:SnapshotEvery");
}
