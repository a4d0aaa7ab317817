using ActorOrders.Domain.Participants;
using System.Text;
using ActorOrders.Domain.Events;
using ActorOrders.Contracts;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>The stored JSON itself: what other tools (and people reading the journal) see.</summary>
[Collection(SerializationCollection.Name)]
public sealed class FormatSpecs(SerializationSystem fixture)
{
    private readonly OrdersJsonSerializer _serializer = fixture.Serializer;

    private string Json(Type type) => Encoding.UTF8.GetString(_serializer.ToBinary(Samples.ByType[type]));

    [Fact]
    public void Fields_are_camel_case_and_enums_are_their_names()
    {
        var json = Json(typeof(StepTimedOut));

        json.ShouldStartWith("""{"orderId":"order-42","action":"ReserveInventory","attempts":3,""");
    }

    [Fact]
    public void Decimals_are_written_with_every_digit_and_their_scale()
    {
        var json = Json(typeof(OrderPlaced));

        json.ShouldContain("\"unitPrice\":10.50}");
        json.ShouldContain("\"unitPrice\":0.1234567890123456789}");
        json.ShouldContain("\"total\":21.3703703670370370367,");
    }

    [Fact]
    public void Times_keep_their_offset_and_ticks()
    {
        Json(typeof(OrderCompleted)).ShouldContain("\"at\":\"2026-03-14T15:09:26.5358979+02:00\"");
    }

    [Fact]
    public void Text_outside_ascii_is_stored_as_utf8_and_quotes_are_escaped()
    {
        Json(typeof(OrderPlaced)).ShouldContain("\"sku\":\"SKU-ÆØÅ \\\"quoted\\\"\"");
    }

    [Fact]
    public void A_computed_line_amount_is_not_written()
    {
        var json = Json(typeof(ParticipantRequest));

        // OrderSummary has an amount of its own; a line object ends right after its unit price.
        json.ShouldContain("{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":10.50}");
    }
}
