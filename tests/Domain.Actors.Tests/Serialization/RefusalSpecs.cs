using System.Runtime.Serialization;
using System.Text;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>What the serializer refuses, and how clearly.</summary>
[Collection(SerializationCollection.Name)]
public sealed class RefusalSpecs(SerializationSystem fixture)
{
    private readonly OrdersJsonSerializer _serializer = fixture.Serializer;

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
}
