using System.Runtime.Serialization;
using System.Text;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>What the serializer refuses, and how clearly.</summary>
[Collection(SerializationCollection.Name)]
public sealed class RefusalSpecs(SerializationSystem fixture)
{
    private readonly OrdersJsonSerializer _serializer = fixture.Serializer;

    private sealed record NotInTheTable(string OrderId) : IWithOrderId;

    [Fact]
    public void An_unknown_manifest_is_refused_with_an_exception_naming_it()
    {
        var bytes = _serializer.ToBinary(Samples.ByType[typeof(OrderCompleted)]);

        var error = Should.Throw<SerializationException>(() => _serializer.FromBinary(bytes, "OrderCompleted.v9"));

        error.Message.ShouldContain("'OrderCompleted.v9'");
    }

    [Fact]
    public void A_type_name_as_manifest_is_refused_rather_than_resolved()
    {
        var bytes = _serializer.ToBinary(Samples.ByType[typeof(OrderCompleted)]);

        Should.Throw<SerializationException>(() => _serializer.FromBinary(bytes, typeof(OrderCompleted).AssemblyQualifiedName!));
    }

    [Fact]
    public void A_type_that_is_not_in_the_table_is_refused_on_write()
    {
        var value = new NotInTheTable("order-1");

        Should.Throw<SerializationException>(() => _serializer.ToBinary(value)).Message.ShouldContain(nameof(NotInTheTable));
        Should.Throw<SerializationException>(() => _serializer.Manifest(value));
        Should.Throw<SerializationException>(() => _serializer.ToBinary("just a string"));
    }

    [Fact]
    public void A_stored_event_missing_a_field_is_refused_rather_than_read_with_a_null()
    {
        var json = """{"orderId":"order-1","at":"2026-01-01T00:00:00+00:00"}"""u8.ToArray();

        var error = Should.Throw<SerializationException>(() => _serializer.FromBinary(json, "PaymentDeclined.v1"));

        error.Message.ShouldContain("PaymentDeclined.v1");
        error.Message.ShouldContain("reason");
    }

    [Fact]
    public void A_null_where_the_record_says_non_null_is_refused()
    {
        var json = """{"orderId":"order-1","reason":null,"at":"2026-01-01T00:00:00+00:00"}"""u8.ToArray();

        Should.Throw<SerializationException>(() => _serializer.FromBinary(json, "PaymentDeclined.v1"));
    }

    [Fact]
    public void Bytes_that_are_not_json_are_refused_with_the_manifest_named()
    {
        var error = Should.Throw<SerializationException>(() => _serializer.FromBinary(Encoding.UTF8.GetBytes("not json"), "OrderCompleted.v1"));

        error.Message.ShouldContain("OrderCompleted.v1");
    }
}
