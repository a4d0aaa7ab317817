using System.Text.Json.Serialization;

namespace ActorOrders.Contracts.Serialization;

// Source-generated metadata with the same rules as the domain's stored format: camelCase,
// enums by name, strict numbers, and a missing required field or a null where the record says
// non-null fails loudly instead of yielding a half-empty message.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(CancelOrder))]
[JsonSerializable(typeof(RetryOrder))]
[JsonSerializable(typeof(GetOrder))]
[JsonSerializable(typeof(OrderAccepted))]
[JsonSerializable(typeof(OrderCommandRejected))]
[JsonSerializable(typeof(OrderNotFound))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(ListOrders))]
[JsonSerializable(typeof(OrderListResult))]
[JsonSerializable(typeof(GetOrderEvents))]
[JsonSerializable(typeof(OrderEventsResult))]
[JsonSerializable(typeof(OrderQueryFailed))]
[JsonSerializable(typeof(GetOrderView))]
[JsonSerializable(typeof(OrderViewNotHeld))]
[JsonSerializable(typeof(GetBoardSnapshot))]
[JsonSerializable(typeof(BoardNodeSnapshot))]
internal sealed partial class ContractsJsonContext : JsonSerializerContext;
