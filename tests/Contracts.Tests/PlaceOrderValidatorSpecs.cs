namespace ActorOrders.Contracts.Tests;

public sealed class PlaceOrderValidatorSpecs
{
    private static PlaceOrder AnOrder(params OrderLine[] lines) => new(
        "order-1", "alice", "USD", lines.Length > 0 ? lines : [new OrderLine("SKU-1", 2, 10.00m)],
        new ShippingAddress("1 Main St", "Springfield", "12345", "US"));

    [Fact]
    public void A_well_formed_order_has_no_errors() =>
        PlaceOrderValidator.Validate(AnOrder()).ShouldBeEmpty();

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
        PlaceOrderValidator.Validate(AnOrder() with { Lines = [] }).ShouldHaveSingleItem().Field.ShouldBe("lines");

    [Fact]
    public void An_order_with_too_many_lines_is_invalid() =>
        PlaceOrderValidator.Validate(AnOrder([.. Enumerable.Repeat(new OrderLine("SKU-1", 1, 1m), PlaceOrderValidator.MaxLines + 1)]))
            .ShouldHaveSingleItem().Field.ShouldBe("lines");
}
