using Akka.Configuration;
using ActorOrders.Contracts.Serialization;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// Registers <see cref="OrdersJsonSerializer"/> and binds it to <see cref="IOrderSerializable"/>
/// (every event and participant message) and to <see cref="OrderState"/> (snapshots), together
/// with the contracts' serializer (<see cref="ContractsSerialization"/>), so none of them falls
/// back to Akka's default, type-name driven serializer.
/// Every node adds it: <c>.AddHocon(OrdersSerialization.Config, HoconAddMode.Prepend)</c>.
/// </summary>
public static class OrdersSerialization
{
    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "orders-json";

    /// <summary>The HOCON that registers both serializers and their bindings.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "{{ContractsSerialization.Qualified(typeof(OrdersJsonSerializer))}}"
          }
          serialization-bindings {
            "{{ContractsSerialization.Qualified(typeof(IOrderSerializable))}}" = {{SerializerName}}
            "{{ContractsSerialization.Qualified(typeof(OrderState))}}" = {{SerializerName}}
          }
          serialization-identifiers {
            "{{ContractsSerialization.Qualified(typeof(OrdersJsonSerializer))}}" = {{OrdersJsonSerializer.Id}}
          }
        }
        """).WithFallback(ContractsSerialization.Config);
}
