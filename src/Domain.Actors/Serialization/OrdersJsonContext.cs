using System.Text.Json.Serialization;
using ActorOrders.Domain.Events;
using ActorOrders.Domain.Messages;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Domain.Serialization;

// Source-generated metadata: no reflection over types at run time, and the stored format is
// fixed by these options rather than by whatever a default JsonSerializerOptions does.
// RespectRequiredConstructorParameters / RespectNullableAnnotations make a stored document
// that lacks a field (or holds null where the record says non-null) fail loudly instead of
// yielding a half-empty record; a field added later must have a default value in the record.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ParticipantRequest))]
[JsonSerializable(typeof(ParticipantReply))]
[JsonSerializable(typeof(ParticipantReplyAck))]
[JsonSerializable(typeof(OrderPlaced))]
[JsonSerializable(typeof(PaymentAuthorized))]
[JsonSerializable(typeof(PaymentDeclined))]
[JsonSerializable(typeof(InventoryReserved))]
[JsonSerializable(typeof(InventoryUnavailable))]
[JsonSerializable(typeof(ShipmentScheduled))]
[JsonSerializable(typeof(ShipmentFailed))]
[JsonSerializable(typeof(StepTimedOut))]
[JsonSerializable(typeof(CancellationRequested))]
[JsonSerializable(typeof(PaymentRefunded))]
[JsonSerializable(typeof(InventoryReleased))]
[JsonSerializable(typeof(ShipmentCancelled))]
[JsonSerializable(typeof(CompensationStalled))]
[JsonSerializable(typeof(OrderRetryRequested))]
[JsonSerializable(typeof(CompensationForced))]
[JsonSerializable(typeof(ManualRetry))]
[JsonSerializable(typeof(ForceCompensation))]
[JsonSerializable(typeof(OrderCompleted))]
[JsonSerializable(typeof(OrderCancelled))]
[JsonSerializable(typeof(OrderRejected))]
[JsonSerializable(typeof(StepAttemptFailed))]
[JsonSerializable(typeof(OrderSnapshot))]
internal sealed partial class OrdersJsonContext : JsonSerializerContext;
