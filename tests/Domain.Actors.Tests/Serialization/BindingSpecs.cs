using ActorOrders.Domain.Serialization;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>In an actor system configured with <see cref="OrdersSerialization.Config"/>, Akka picks our serializer for every covered type.</summary>
[Collection(SerializationCollection.Name)]
public sealed class BindingSpecs(SerializationSystem fixture)
{
    [Fact]
    public void Akka_picks_the_orders_serializer_for_every_covered_type_and_never_the_default_one()
    {
        var fallbacks = Samples.CoveredTypes
            .Select(t => (Type: t, Serializer: fixture.System.Serialization.FindSerializerForType(t)))
            .Where(x => x.Serializer is not OrdersJsonSerializer)
            .Select(x => $"{x.Type.Name} → {x.Serializer.GetType().Name}")
            .ToList();

        fallbacks.ShouldBeEmpty();
    }

    [Fact]
    public void Akka_finds_the_orders_serializer_by_its_id_and_reads_what_it_wrote()
    {
        foreach (var sample in Samples.ByType.Values)
        {
            var serializer = fixture.System.Serialization.FindSerializerFor(sample);
            serializer.Identifier.ShouldBe(OrdersJsonSerializer.Id);

            var bytes = serializer.ToBinary(sample);
            var read = fixture.System.Serialization.Deserialize(bytes, serializer.Identifier, AkkaSerialization.ManifestFor(serializer, sample));

            Structural.Differences(sample, read).ShouldBeEmpty();
        }
    }

    [Fact]
    public void The_serializer_id_is_outside_the_range_Akka_reserves()
    {
        OrdersJsonSerializer.Id.ShouldBeGreaterThan(40);
        fixture.Serializer.Identifier.ShouldBe(5170);
    }
}
