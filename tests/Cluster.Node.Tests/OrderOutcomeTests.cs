using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>Every documented test value drives an order over HTTP to its terminal state, and the simulators' ledger agrees.</summary>
public sealed class OrderOutcomeTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_plain_order_is_charged_reserved_shipped_and_completed()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        var order = await Http.WaitForTerminalAsync(id);

        order.Status().ShouldBe("Completed");
        order.GetProperty("customerId").GetString().ShouldBe("alice");
        order.GetProperty("currency").GetString().ShouldBe("USD");
        order.GetProperty("total").GetDecimal().ShouldBe(25.00m);
        order.GetProperty("lines").GetArrayLength().ShouldBe(1);
        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("charged").GetDecimal().ShouldBe(25.00m);
        ledger.GetProperty("reserved").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("shipped").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("refunded").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_declined_customer_is_rejected_and_never_charged()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: "decline-bob"));

        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Rejected");

        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(0);
        ledger.GetProperty("reserved").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task An_out_of_stock_line_cancels_the_order_and_refunds_the_payment()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), sku: "OOS-LAMP"));

        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Cancelled");

        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("refunded").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("reserved").GetBoolean().ShouldBeFalse();
        ledger.GetProperty("shipped").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task An_unshippable_country_cancels_the_order_releasing_inventory_and_refunding()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), country: "ZZ"));

        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Cancelled");

        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("refunded").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("reserved").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("released").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("shipped").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_payment_service_that_never_answers_rejects_the_order_with_a_reason()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: "noreply-carol"));

        var order = await Http.WaitForTerminalAsync(id);

        order.Status().ShouldBe("Rejected");
        order.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(0);
        // One AuthorizePayment per attempt the node's settings allow: no more (a retry too many), no fewer (no retry).
        ledger.GetProperty("paymentRequests").GetInt32().ShouldBe(NodeConfig.StepMaxAttempts);
    }

    [Fact]
    public async Task A_charge_whose_answer_is_lost_is_refunded_before_the_order_is_rejected()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: "lostreply-dave"));

        var order = await Http.WaitForTerminalAsync(id);

        order.Status().ShouldBe("Rejected");
        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("refunded").GetBoolean().ShouldBeTrue();
        (await Http.EventsAsync(id)).Select(e => e.GetProperty("type").GetString()).TakeLast(3)
            .ShouldBe(["StepTimedOut", "PaymentRefunded", "OrderRejected"]);
    }

    [Fact]
    public async Task A_stalled_refund_needs_attention_and_retry_finishes_the_compensation_once_refunds_work()
    {
        var customer = $"norefund-{Guid.NewGuid():N}";
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: customer, sku: "OOS-CHAIR"));
        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("AttentionRequired");
        (await Http.LedgerAsync(id)).GetProperty("refunded").GetBoolean().ShouldBeFalse();

        using var heal = await Http.PostAsync($"/participants/heal?customerIdPrefix={customer}", null);
        heal.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        using var retry = await Http.PostAsync($"/orders/{id}/retry", null);
        retry.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());

        // Right after the 202 the order is Compensating again; it must end Cancelled, not stall a second time.
        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Cancelled");
        var ledger = await Http.LedgerAsync(id);
        ledger.GetProperty("charges").GetInt32().ShouldBe(1);
        ledger.GetProperty("refunded").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_timed_out_charge_whose_void_keeps_failing_needs_attention_and_retry_rejects_it_once_voids_work()
    {
        var customer = $"novoid-{Guid.NewGuid():N}";
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: customer));
        var stalled = await Http.WaitForTerminalAsync(id);
        stalled.Status().ShouldBe("AttentionRequired", "the void of a charge that may have happened was never confirmed");
        stalled.GetProperty("reason").GetString()!.ShouldContain("RefundPayment");

        using var heal = await Http.PostAsync($"/participants/heal?customerIdPrefix={customer}", null);
        heal.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        using var retry = await Http.PostAsync($"/orders/{id}/retry", null);
        retry.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());

        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Rejected");
        (await Http.LedgerAsync(id)).GetProperty("charges").GetInt32().ShouldBe(0);
        (await Http.EventsAsync(id)).Select(e => e.GetProperty("type").GetString()).TakeLast(2)
            .ShouldBe(["PaymentRefunded", "OrderRejected"]);
    }

    [Fact]
    public async Task The_events_endpoint_lists_the_persisted_events_in_order()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));
        await Http.WaitForTerminalAsync(id);

        var events = await Http.EventsAsync(id);

        events.Select(e => e.GetProperty("type").GetString())
            .ShouldBe(["OrderPlaced", "PaymentAuthorized", "InventoryReserved", "ShipmentScheduled", "OrderCompleted"]);
        events.Select(e => e.GetProperty("sequenceNr").GetInt64()).ShouldBe([1L, 2, 3, 4, 5]);
        events[0].GetProperty("data").GetProperty("customerId").GetString().ShouldBe("alice");
        events.Select(e => e.GetProperty("timestamp").GetDateTimeOffset()).ShouldBeInOrder();
    }
}
