using Akka.Configuration;

namespace ActorOrders.Contracts.Serialization;

/// <summary>
/// Registers <see cref="ContractsJsonSerializer"/> and binds it to <see cref="IOrderContract"/>.
/// Every process that exchanges orders with the cluster (node, gateway) adds it:
/// <c>.AddHocon(ContractsSerialization.Config, HoconAddMode.Prepend)</c>.
/// </summary>
public static class ContractsSerialization
{
    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "orders-contracts-json";

    /// <summary>The HOCON that registers the serializer and its binding.</summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "{{Qualified(typeof(ContractsJsonSerializer))}}"
          }
          serialization-bindings {
            "{{Qualified(typeof(IOrderContract))}}" = {{SerializerName}}
          }
          serialization-identifiers {
            "{{Qualified(typeof(ContractsJsonSerializer))}}" = {{ContractsJsonSerializer.Id}}
          }
        }
        """);

    /// <summary>"Namespace.Type, Assembly": derived from the type so a rename cannot leave a stale binding.</summary>
    public static string Qualified(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
