using System.Runtime.CompilerServices;
using System.Text.Json;
using ActorOrders.Contracts;
using ActorOrders.Domain.Events;
using ActorOrders.Orders.Kafka.Events;

namespace ActorOrders.Orders.Kafka.Tests;

public sealed class PublicEventsSpecs
{
    public static TheoryData<string> EventTypes() =>
        [.. typeof(IOrderEvent).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IOrderEvent).IsAssignableFrom(t)).Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_journal_event_has_a_public_form(string typeName)
    {
        var type = typeof(IOrderEvent).Assembly.GetType(typeName)!;
        var evt = (IOrderEvent)RuntimeHelpers.GetUninitializedObject(type);

        try
        {
            PublicOrderEvents.Of(evt).Name.ShouldBe(type.Name);
        }
        catch (ArgumentNullException) when (type == typeof(OrderPlaced))
        {
            // An uninitialized OrderPlaced has no lines; its mapping exists, which is what this checks.
        }
    }

    [Fact]
    public void An_event_becomes_a_cloud_event_with_its_id_sequence_type_subject_and_data()
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var bytes = OrderCloudEvents.Encode("order-o-1", 3, new InventoryReserved("o-1", "res-9", at));

        using var doc = JsonDocument.Parse(bytes);
        var root = doc.RootElement;
        root.GetProperty("specversion").GetString().ShouldBe("1.0");
        root.GetProperty("id").GetString().ShouldBe("order-o-1:3");
        root.GetProperty("sequence").GetString().ShouldBe("00000000000000000003");
        root.GetProperty("type").GetString().ShouldBe("actororders.order.InventoryReserved.v1");
        root.GetProperty("subject").GetString().ShouldBe("o-1");
        root.GetProperty("source").GetString().ShouldBe("urn:actororders:orders");
        root.GetProperty("time").GetDateTimeOffset().ShouldBe(at);
        root.GetProperty("data").GetProperty("reservationReference").GetString().ShouldBe("res-9");
        root.GetProperty("data").GetProperty("orderId").GetString().ShouldBe("o-1");
    }

    [Fact]
    public void Placement_data_carries_the_lines_address_and_total()
    {
        var placed = new OrderPlaced("o-1", "alice", "USD", [new OrderLineData("SKU-1", 2, 10.50m)], "1 Main St", "Springfield", "12345", "US", 21.00m, "fp", DateTimeOffset.UnixEpoch);

        var (name, data) = PublicOrderEvents.Of(placed);

        name.ShouldBe("OrderPlaced");
        data["lines"]![0]!["unitPrice"]!.GetValue<decimal>().ShouldBe(10.50m);
        data["shippingAddress"]!["country"]!.GetValue<string>().ShouldBe("US");
        data["total"]!.GetValue<decimal>().ShouldBe(21.00m);
        data.ContainsKey("fingerprint").ShouldBeFalse("internal fields are not part of the public contract");
    }

    [Fact]
    public void Participant_actions_are_written_by_name()
    {
        var (_, data) = PublicOrderEvents.Of(new StepTimedOut("o-1", ParticipantAction.ReserveInventory, 3, "no answer", DateTimeOffset.UnixEpoch));
        data["action"]!.GetValue<string>().ShouldBe("ReserveInventory");
    }
}
