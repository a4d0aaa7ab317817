using Akka.Actor;
using Akka.Serialization;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// The serializer of every order event, snapshot and participant message
/// (<see cref="IOrderSerializable"/> and <see cref="OrderState"/>): System.Text.Json with
/// source-generated metadata, camelCase fields, enums as their names, decimals and offsets exact.
/// Registered by <see cref="OrdersSerialization.Config"/> under id <see cref="Id"/>.
/// </summary>
/// <remarks>
/// <para>
/// Manifests are short, stable and versioned — "<c>TypeName.vN</c>", e.g. "OrderPlaced.v1",
/// "OrderState.v1" — and map to types through an explicit table (<see cref="OrderManifests"/>),
/// never through a type name carried in the bytes: data from the journal or the network cannot
/// pick the type it becomes. A type missing from the table is refused on <see cref="ToBinary"/>;
/// a manifest missing from it is refused on <see cref="FromBinary"/>, both with a
/// <see cref="System.Runtime.Serialization.SerializationException"/>.
/// </para>
/// <para>
/// Evolving an event: never change the meaning of a stored field and never reuse a manifest.
/// Adding an optional field with a default value in the record is compatible under the same
/// manifest. Anything else (a new required field, a rename, a split) gets the next manifest
/// ("OrderPlaced.v2") and an upcaster that rewrites v1 JSON into v2 JSON on read (see
/// <see cref="Contracts.Serialization.Upcasters"/>); the fixture tests in Domain.Actors.Tests
/// keep every manifest ever written readable.
/// </para>
/// </remarks>
public sealed class OrdersJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer id; 0–40 are reserved by Akka. Never change it: it is stored next to every event.</summary>
    public const int Id = 5170;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => OrderManifests.Table.EntryFor(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => OrderManifests.Table.EntryFor(obj).Write(obj);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => OrderManifests.Table.Read(bytes, manifest);
}
