using ActorOrders.Participants.Tests.Support;
using Xunit.Abstractions;
using static ActorOrders.Contracts.ParticipantAction;

namespace ActorOrders.Participants.Tests;

/// <summary>GetLedger merges the three simulators' rows, for one order or for all.</summary>
public sealed class LedgerSpecs(ITestOutputHelper output) : SimulatorSpec(output)
{
    [Fact]
    public void The_ledger_of_all_orders_has_one_merged_row_per_order_seen_ordered_by_id()
    {
        Send(Requests.For("o-2", AuthorizePayment));
        Send(Requests.For("o-2", ReserveInventory));
        Send(Requests.For("o-1", ScheduleShipment));
        Send(Requests.For("o-3", ReserveInventory, Requests.Order(sku: "OOS-1")));

        var report = Query(new GetLedger(null));

        report.Orders.Select(o => o.OrderId).ShouldBe(["o-1", "o-2", "o-3"]);
        report.Orders[0].ShouldBe(OrderLedger.Empty("o-1") with { Shipped = true });
        report.Orders[1].ShouldBe(OrderLedger.Empty("o-2") with { Charges = 1, PaymentRequests = 1, Charged = 25.00m, Reserved = true });
        report.Orders[2].ShouldBe(OrderLedger.Empty("o-3"));
    }

    [Fact]
    public void The_ledger_of_one_order_holds_only_that_order()
    {
        Send(Requests.For("o-1", AuthorizePayment));
        Send(Requests.For("o-2", AuthorizePayment));

        var report = Query(new GetLedger("o-2"));

        report.Orders.Select(o => o.OrderId).ShouldBe(["o-2"]);
    }

    [Fact]
    public void The_ledger_of_an_order_never_seen_is_empty()
    {
        Send(Requests.For("o-1", AuthorizePayment));

        Query(new GetLedger("o-unknown")).Orders.ShouldBeEmpty();
    }
}
