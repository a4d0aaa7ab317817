using Akka.Configuration;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.State;

namespace ActorOrders.Domain.Serialization;

/// <summary>
/// Registers <see cref="OrdersJsonSerializer"/> and binds it to <see cref="IOrderSerializable"/>
/// (every command, reply, event and participant message) and to <see cref="OrderState"/>
/// (snapshots), so none of them falls back to Akka's default, type-name driven serializer.
/// Every node and the gateway add it: <c>.AddHocon(OrdersSerialization.Config, HoconAddMode.Prepend)</c>.
/// </summary>
public static class OrdersSerialization
{
    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "orders-json";

    /// <summary>The HOCON that registers the serializer and its bindings.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "{{Qualified(typeof(OrdersJsonSerializer))}}"
          }
          serialization-bindings {
            "{{Qualified(typeof(IOrderSerializable))}}" = {{SerializerName}}
            "{{Qualified(typeof(OrderState))}}" = {{SerializerName}}
          }
          serialization-identifiers {
            "{{Qualified(typeof(OrdersJsonSerializer))}}" = {{OrdersJsonSerializer.Id}}
          }
        }
        """);

    // "Namespace.Type, Assembly": derived from the types so a rename cannot leave a stale binding.
    private static string Qualified(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
