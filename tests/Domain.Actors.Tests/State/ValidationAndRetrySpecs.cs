using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Saga;
using ActorOrders.Domain.Tests.Support;

namespace ActorOrders.Domain.Tests.State;

public sealed class ValidationAndRetrySpecs
{
    [Fact]
    public void A_well_formed_order_has_no_errors() =>
        PlaceOrderValidator.Validate(OrderBuilder.AnOrder().Build()).ShouldBeEmpty();

    [Fact]
    public void Every_problem_is_reported_with_its_field()
    {
        var cmd = new PlaceOrder("bad id!", "", "XXX", [new OrderLine("", 0, -1m)], new ShippingAddress("", "c", "p", "usa"));
        PlaceOrderValidator.Validate(cmd).Select(e => e.Field).ShouldBe(
            ["orderId", "customerId", "currency", "lines[0].sku", "lines[0].quantity", "lines[0].unitPrice", "shippingAddress.line1", "shippingAddress.country"],
            ignoreOrder: true);
    }

    [Fact]
    public void An_order_without_lines_is_invalid() =>
        PlaceOrderValidator.Validate(OrderBuilder.AnOrder().WithLines().Build()).ShouldHaveSingleItem().Field.ShouldBe("lines");

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
