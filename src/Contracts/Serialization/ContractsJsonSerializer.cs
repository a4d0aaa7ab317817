using Akka.Actor;
using Akka.Serialization;

namespace ActorOrders.Contracts.Serialization;

/// <summary>
/// The serializer of the contract messages (<see cref="IOrderContract"/>): System.Text.Json with
/// source-generated metadata and an explicit manifest table ("PlaceOrder.v1", …), never a type
/// name carried in the bytes. Registered by <see cref="ContractsSerialization.Config"/>.
/// </summary>
public sealed class ContractsJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer id (0–40 are reserved by Akka). Never change it: peers of other versions rely on it.</summary>
    public const int Id = 5171;

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override string Manifest(object o) => ContractsManifests.Table.EntryFor(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj) => ContractsManifests.Table.EntryFor(obj).Write(obj);

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest) => ContractsManifests.Table.Read(bytes, manifest);
}
