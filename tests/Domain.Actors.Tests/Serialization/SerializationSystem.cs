using Akka.Actor;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>One actor system, configured as a node is, shared by the serialization specs.</summary>
public sealed class SerializationSystem : IDisposable
{
    public SerializationSystem()
    {
        System = ActorSystem.Create("serialization-specs", OrdersSerialization.Config);
        Serializer = new OrdersJsonSerializer((ExtendedActorSystem)System);
    }

    public ActorSystem System { get; }

    public OrdersJsonSerializer Serializer { get; }

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(30));
}

[CollectionDefinition(Name)]
public sealed class SerializationCollection : ICollectionFixture<SerializationSystem>
{
    public const string Name = "serialization";
}
