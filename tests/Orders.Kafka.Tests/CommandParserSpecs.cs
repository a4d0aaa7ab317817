using System.Text;
using System.Text.Json.Nodes;
using ActorOrders.Contracts;
using ActorOrders.Orders.Kafka.Ingest;

namespace ActorOrders.Orders.Kafka.Tests;

public sealed class CommandParserSpecs
{
    internal static JsonObject PlaceData(string id) => new()
    {
        ["orderId"] = id,
        ["customerId"] = "alice",
        ["currency"] = "USD",
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = "BOOK-1", ["quantity"] = 2, ["unitPrice"] = 12.50m }),
        ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "12345", ["country"] = "US" },
    };

    internal static byte[] Envelope(string type, JsonObject data, string? subject = null, Action<JsonObject>? tweak = null)
    {
        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "urn:test:storefront",
            ["type"] = type,
            ["subject"] = subject ?? data["orderId"]?.GetValue<string>(),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        tweak?.Invoke(envelope);
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    [Fact]
    public void A_place_order_cloud_event_is_the_command_it_carries()
    {
        var parsed = CommandParser.Parse("o-1", Envelope(CommandParser.PlaceOrderType, PlaceData("o-1")));

        var command = parsed.ShouldBeOfType<ValidCommand>().Command.ShouldBeOfType<PlaceOrder>();
        command.OrderId.ShouldBe("o-1");
        command.Lines.ShouldHaveSingleItem().UnitPrice.ShouldBe(12.50m);
        command.ShippingAddress.Country.ShouldBe("US");
    }

    [Fact]
    public void A_cancel_order_cloud_event_is_a_cancellation_with_its_reason()
    {
        var parsed = CommandParser.Parse("o-1", Envelope(CommandParser.CancelOrderType, new JsonObject { ["orderId"] = "o-1", ["reason"] = "changed my mind" }));

        parsed.ShouldBeOfType<ValidCommand>().Command.ShouldBe(new CancelOrder("o-1", "changed my mind"));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { "not json", "not valid JSON" },
        { """{"specversion":"0.3","id":"1","source":"s","type":"actororders.order.PlaceOrder.v1","data":{}}""", "specversion" },
        { """{"specversion":"1.0","id":"1","source":"s","type":"actororders.order.Unknown.v1","data":{}}""", "type 'actororders.order.Unknown.v1'" },
        { """{"specversion":"1.0","id":"1","source":"s","type":"actororders.order.PlaceOrder.v1","data":{},"$type":"System.Object"}""", "'$type'" },
        { """{"specversion":"1.0","source":"s","type":"actororders.order.PlaceOrder.v1","data":{}}""", "id is required" },
        { """{"specversion":"1.0","id":"1","source":"s","type":"actororders.order.PlaceOrder.v1","data":[]}""", "data must be a JSON object" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_record_that_is_not_a_command_is_invalid_with_the_reason(string json, string reason)
    {
        CommandParser.Parse("o-1", Encoding.UTF8.GetBytes(json)).ShouldBeOfType<InvalidCommand>().Error.ShouldContain(reason);
    }

    [Fact]
    public void An_unknown_field_in_the_data_is_named()
    {
        var data = PlaceData("o-1");
        data["discount"] = 5;

        CommandParser.Parse("o-1", Envelope(CommandParser.PlaceOrderType, data)).ShouldBeOfType<InvalidCommand>().Error.ShouldContain("data.discount");
    }

    [Fact]
    public void A_key_that_is_not_the_order_id_is_refused()
    {
        CommandParser.Parse("o-2", Envelope(CommandParser.PlaceOrderType, PlaceData("o-1"))).ShouldBeOfType<InvalidCommand>().Error.ShouldContain("key");
    }

    [Fact]
    public void A_subject_that_is_not_the_order_id_is_refused()
    {
        CommandParser.Parse("o-1", Envelope(CommandParser.PlaceOrderType, PlaceData("o-1"), subject: "o-9")).ShouldBeOfType<InvalidCommand>().Error.ShouldContain("subject");
    }

    [Fact]
    public void What_the_validator_refuses_is_named_field_by_field()
    {
        var data = PlaceData("o-1");
        data["currency"] = "usd";
        data["lines"]![0]!["quantity"] = 0;

        var error = CommandParser.Parse("o-1", Envelope(CommandParser.PlaceOrderType, data)).ShouldBeOfType<InvalidCommand>().Error;

        error.ShouldContain("data.currency");
        error.ShouldContain("data.lines[0].quantity");
    }

    [Fact]
    public void A_quantity_of_the_wrong_type_is_refused_not_thrown()
    {
        var data = PlaceData("o-1");
        data["lines"]![0]!["quantity"] = "2";

        CommandParser.Parse("o-1", Envelope(CommandParser.PlaceOrderType, data)).ShouldBeOfType<InvalidCommand>();
    }
}
