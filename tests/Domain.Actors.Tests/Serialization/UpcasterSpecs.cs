using System.Runtime.Serialization;
using System.Text;
using System.Text.Json.Nodes;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>The upcaster chain that keeps retired manifests readable.</summary>
[Collection(SerializationCollection.Name)]
public sealed class UpcasterSpecs(SerializationSystem fixture)
{
    // A made-up retired version of PaymentDeclined whose text field was called "why".
    private static readonly Upcaster V0ToV1 = new("PaymentDeclined.v0", "PaymentDeclined.v1", json =>
    {
        json["reason"] = json["why"]?.DeepClone();
        json.Remove("why");
        return json;
    });

    [Fact]
    public void A_document_under_a_retired_manifest_is_rewritten_into_the_current_one()
    {
        var v0 = """{"orderId":"order-1","why":"insufficient funds","at":"2026-01-01T00:00:00+00:00"}"""u8.ToArray();

        var (manifest, bytes) = Upcasters.ToCurrent("PaymentDeclined.v0", v0, Registry(V0ToV1));

        manifest.ShouldBe("PaymentDeclined.v1");
        fixture.Serializer.FromBinary(bytes, manifest)
            .ShouldBe(new PaymentDeclined("order-1", "insufficient funds", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Upcasters_chain_from_the_oldest_version_to_the_current_one()
    {
        var vMinus1ToV0 = new Upcaster("PaymentDeclined.v-1", "PaymentDeclined.v0", json =>
        {
            json["why"] = json["text"]?.DeepClone();
            json.Remove("text");
            return json;
        });
        var old = """{"orderId":"order-1","text":"no","at":"2026-01-01T00:00:00+00:00"}"""u8.ToArray();

        var (manifest, bytes) = Upcasters.ToCurrent("PaymentDeclined.v-1", old, Registry(vMinus1ToV0, V0ToV1));

        manifest.ShouldBe("PaymentDeclined.v1");
        JsonNode.Parse(bytes)!["reason"]!.GetValue<string>().ShouldBe("no");
    }

    [Fact]
    public void A_current_manifest_passes_through_untouched()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"anything":1}""");

        Upcasters.ToCurrent("PaymentDeclined.v1", bytes, Registry(V0ToV1)).Bytes.ShouldBeSameAs(bytes);
    }

    [Fact]
    public void A_loop_of_upcasters_is_refused()
    {
        var back = new Upcaster("PaymentDeclined.v1", "PaymentDeclined.v0", json => json);

        Should.Throw<SerializationException>(() => Upcasters.ToCurrent("PaymentDeclined.v0", "{}"u8.ToArray(), Registry(V0ToV1, back)));
    }

    [Fact]
    public void Every_registered_upcaster_starts_at_a_retired_manifest_and_leads_to_a_current_one()
    {
        foreach (var upcaster in OrderManifests.Table.Upcasters.Values)
        {
            OrderManifests.Table.ByManifest.ContainsKey(upcaster.From).ShouldBeFalse($"{upcaster.From} is still current");
            var target = upcaster.To;
            while (OrderManifests.Table.Upcasters.TryGetValue(target, out var next)) target = next.To;
            OrderManifests.Table.ByManifest.ContainsKey(target).ShouldBeTrue($"{upcaster.From} leads to {target}, which is not current");
        }
    }

    private static Dictionary<string, Upcaster> Registry(params Upcaster[] upcasters) => upcasters.ToDictionary(u => u.From);
}
