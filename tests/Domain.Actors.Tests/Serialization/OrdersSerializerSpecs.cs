using Akka.Actor;
using Akka.Serialization;
using ActorOrders.Domain.Serialization;
using ActorOrders.Testing.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>
/// The domain serializer against the shared serializer suite: every event, participant message
/// and the snapshot; fixtures for what the journal stores forever (events and the snapshot).
/// </summary>
[Collection(SerializationCollection.Name)]
public sealed class OrdersSerializerSpecs(SerializationSystem fixture) : SerializerSuite
{
    protected override ActorSystem System => fixture.System;
    protected override SerializerWithStringManifest Serializer => fixture.Serializer;
    protected override IReadOnlyList<Type> CoveredTypes => Serialization.Samples.CoveredTypes;
    protected override IEnumerable<Type> TableTypes => OrderManifests.Table.Entries.Select(e => e.Type);
    protected override IReadOnlyDictionary<Type, object> Samples => Serialization.Samples.ByType;
    protected override IReadOnlyList<Type> FixtureTypes => Serialization.Samples.StoredTypes;
    protected override IReadOnlyDictionary<string, object> RetiredManifests => Serialization.Samples.RetiredManifests;
    protected override string ProjectFileName => "Domain.Actors.Tests.csproj";

    [Fact]
    public void The_serializer_id_is_the_one_stored_next_to_every_event()
    {
        fixture.Serializer.Identifier.ShouldBe(5170);
    }
}
