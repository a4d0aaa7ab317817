using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>Cancel over HTTP while the saga is in flight (participants answer after about a second).</summary>
public sealed class CancellationTests(SlowParticipantsNodeFixture fixture) : IClassFixture<SlowParticipantsNodeFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Cancelling_while_payment_is_pending_is_accepted_and_ends_cancelled_with_nothing_kept()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        using var cancel = await Http.PostRawAsync($"/orders/{id}/cancel", """{"reason":"changed my mind"}""");

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted, await cancel.Content.ReadAsStringAsync());
        var order = await Http.WaitForTerminalAsync(id, TimeSpan.FromSeconds(45));
        order.Status().ShouldBe("Cancelled");
        order.GetProperty("reason").GetString()!.ShouldContain("changed my mind");
        var ledger = await Http.LedgerAsync(id);
        if (ledger.GetProperty("charges").GetInt32() > 0) ledger.GetProperty("refunded").GetBoolean().ShouldBeTrue();
        ledger.GetProperty("shipped").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_cancel_with_a_malformed_body_is_a_400_and_changes_nothing()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        using var cancel = await Http.PostRawAsync($"/orders/{id}/cancel", """{"reason": 42""");

        cancel.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Http.WaitForTerminalAsync(id, TimeSpan.FromSeconds(45))).Status().ShouldBe("Completed");
    }
}
