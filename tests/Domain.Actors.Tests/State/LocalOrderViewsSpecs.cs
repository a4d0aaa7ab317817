using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;

namespace ActorOrders.Domain.Tests.State;

public sealed class LocalOrderViewsSpecs
{
    private static OrderView View(string id, OrderStatus status, long version = 1) => new(
        id, status, "alice", "USD", 1m, [new OrderLine("SKU-1", 1, 1m)], new ShippingAddress("1", "c", "p", "US"),
        null, null, null, [], null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, version);

    [Fact]
    public void A_stopping_incarnation_does_not_remove_the_view_of_a_newer_one()
    {
        var views = new LocalOrderViews();
        var old = View("o-1", OrderStatus.AwaitingPayment, 1);
        var newer = View("o-1", OrderStatus.AwaitingInventory, 2);
        views.Publish(old);
        views.Publish(newer);

        views.Remove(old);

        views.Find("o-1").ShouldBe(newer);
    }

    [Fact]
    public void Finished_views_are_kept_up_to_the_capacity_and_the_oldest_half_goes_first()
    {
        var views = new LocalOrderViews(finishedCapacity: 4);
        for (var i = 0; i < 6; i++)
        {
            var view = View($"o-{i}", OrderStatus.Completed);
            views.Publish(view);
            views.Remove(view);
        }

        views.Running.ShouldBe(0);
        views.Find("o-0").ShouldBeNull();
        views.Find("o-1").ShouldBeNull();
        Enumerable.Range(2, 4).ShouldAllBe(i => views.Find($"o-{i}") != null);
    }

    [Fact]
    public void With_no_capacity_nothing_finished_is_kept()
    {
        var views = new LocalOrderViews(finishedCapacity: 0);
        var view = View("o-1", OrderStatus.Cancelled);
        views.Publish(view);
        views.Remove(view);

        views.Find("o-1").ShouldBeNull();
    }
}
