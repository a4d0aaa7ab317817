using System.Text.Json;

namespace ActorOrders.Contracts.Admin;

/// <summary>
/// <c>GET /admin/v1/kafka/lag</c>: the lag of the answering node's Kafka consumers (the partitions
/// assigned to it right now; each node answers for its own) and of the orders.events publication.
/// </summary>
/// <param name="At">When it was measured.</param>
/// <param name="Consumers">One entry per consumer the node runs, by name.</param>
/// <param name="Publication">The orders.events publisher's slices (the journal is the outbox: events not yet published).</param>
public sealed record KafkaLag(DateTimeOffset At, IReadOnlyList<KafkaConsumerLag> Consumers, IReadOnlyList<PublicationSliceLag> Publication);

/// <summary>One consumer of <see cref="KafkaLag"/>.</summary>
/// <param name="Consumer">Its name: orders-commands-ingest, participant-replies, participant-simulators, dead-letter-index.</param>
/// <param name="Group">Its consumer group.</param>
/// <param name="Running">False while the node has not started it (or it stopped).</param>
/// <param name="Partitions">Its assigned partitions, by topic and partition.</param>
/// <param name="Lag">Sum of the partitions' lag.</param>
/// <param name="Error">Why the lag could not be read, or null.</param>
public sealed record KafkaConsumerLag(string Consumer, string Group, bool Running, IReadOnlyList<KafkaPartitionLag> Partitions, long Lag, string? Error);

/// <summary>One partition of <see cref="KafkaConsumerLag"/>.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="Committed">The group's committed offset (next to read), or null when nothing was committed.</param>
/// <param name="HighWatermark">The offset the next record written gets.</param>
/// <param name="Lag">Records not committed yet.</param>
public sealed record KafkaPartitionLag(string Topic, int Partition, long? Committed, long HighWatermark, long Lag);

/// <summary>One slice of the orders.events publication (the projection <c>orders-events-publisher</c>).</summary>
/// <param name="Slice">The slice.</param>
/// <param name="RunningHere">Its worker runs on the answering node.</param>
/// <param name="StoredOffset">The journal position published up to.</param>
/// <param name="LagEvents">Events of the slice not published yet (null: not measured yet).</param>
/// <param name="LagSeconds">Age of the oldest of them (0 when caught up; null: not measured yet).</param>
public sealed record PublicationSliceLag(int Slice, bool RunningHere, long StoredOffset, long? LagEvents, double? LagSeconds);

/// <summary>The statuses of a dead letter.</summary>
public static class DeadLetterStatuses
{
    /// <summary>Nobody acted on it yet.</summary>
    public const string Open = "open";

    /// <summary>Its key and payload were produced to the original topic again.</summary>
    public const string Replayed = "replayed";

    /// <summary>An operator decided it needs nothing more.</summary>
    public const string Discarded = "discarded";

    /// <summary>Every status.</summary>
    public static readonly IReadOnlyList<string> All = [Open, Replayed, Discarded];
}

/// <summary><c>GET /admin/v1/dlq?status=&amp;limit=</c>: dead letters, newest first.</summary>
/// <param name="Items">The entries (without payloads).</param>
/// <param name="Open">Open dead letters in all (not only this page).</param>
public sealed record DeadLetterList(IReadOnlyList<DeadLetterSummary> Items, long Open);

/// <summary>One entry of <see cref="DeadLetterList"/>.</summary>
/// <param name="Id">Stable id: <c>dlq-{partition}-{offset}</c> of the record in orders.dlq.</param>
/// <param name="OriginalTopic">Where the record came from.</param>
/// <param name="Partition">Its partition there.</param>
/// <param name="Offset">Its offset there.</param>
/// <param name="Key">Its key (the order id for the node's topics).</param>
/// <param name="Error">Why it was dead-lettered.</param>
/// <param name="Attempts">Attempts made before.</param>
/// <param name="FailedAt">When it was dead-lettered.</param>
/// <param name="Status"><c>open</c>, <c>replayed</c> or <c>discarded</c>.</param>
/// <param name="ActionedBy">Who replayed or discarded it last, or null.</param>
/// <param name="ActionedAt">When, or null.</param>
/// <param name="Replays">How many times it was replayed.</param>
public sealed record DeadLetterSummary(
    string Id, string OriginalTopic, int Partition, long Offset, string? Key, string Error, int Attempts, DateTimeOffset FailedAt,
    string Status, string? ActionedBy, DateTimeOffset? ActionedAt, int Replays);

/// <summary><c>GET /admin/v1/dlq/{id}</c>: one dead letter with its payload.</summary>
/// <param name="Entry">As listed.</param>
/// <param name="PayloadEncoding"><c>json</c> (then <paramref name="Payload"/> is the document itself), <c>utf-8</c> (a string) or <c>base64</c> (a string).</param>
/// <param name="Payload">The original record's value.</param>
/// <param name="DlqPartition">The dead letter's own partition in orders.dlq.</param>
/// <param name="DlqOffset">Its own offset there.</param>
public sealed record DeadLetterDetail(DeadLetterSummary Entry, string PayloadEncoding, JsonElement Payload, int DlqPartition, long DlqOffset);

/// <summary><c>POST /admin/v1/dlq/{id}/replay|discard</c>: what was done.</summary>
/// <param name="Id">The dead letter.</param>
/// <param name="Action"><c>replay</c> or <c>discard</c>.</param>
/// <param name="Status">Its status now.</param>
/// <param name="By">Who, as recorded.</param>
/// <param name="At">When.</param>
/// <param name="ReplayedTo">For a replay: topic, partition and offset the record was produced to (<c>orders.commands/3@1290</c>).</param>
public sealed record DeadLetterActionResult(string Id, string Action, string Status, string By, DateTimeOffset At, string? ReplayedTo);

/// <summary><c>GET /admin/v1/quarantine</c>: the records parked in the ingest's ordered quarantine, by order then offset.</summary>
/// <param name="Records">Parked records (without payloads), oldest first per order.</param>
/// <param name="Orders">Orders with parked records.</param>
public sealed record QuarantineList(IReadOnlyList<ParkedEntry> Records, int Orders);

/// <summary>One parked record of <see cref="QuarantineList"/>.</summary>
/// <param name="OrderId">Its order.</param>
/// <param name="Topic">Its topic (orders.commands).</param>
/// <param name="Partition">Its partition.</param>
/// <param name="Offset">Its offset.</param>
/// <param name="Type">The CloudEvent type when readable, else null.</param>
/// <param name="Error">Why it is parked.</param>
/// <param name="Attempts">Attempts made (0 for one parked behind another).</param>
/// <param name="ParkedAt">When.</param>
public sealed record ParkedEntry(string OrderId, string Topic, int Partition, long Offset, string? Type, string Error, int Attempts, DateTimeOffset ParkedAt);

/// <summary><c>POST /admin/v1/quarantine/{orderId}/redrive</c>: the order's parked records replayed in order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Replayed">Records handled and removed.</param>
/// <param name="StillParked">Records left (the first still fails: it and those behind it stay).</param>
/// <param name="By">Who, as recorded.</param>
public sealed record QuarantineRedriveResult(string OrderId, int Replayed, int StillParked, string By);

/// <summary><c>POST /admin/v1/quarantine/{orderId}/discard-head</c>: the order's oldest parked record removed, never applied.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Discarded">The record removed.</param>
/// <param name="StillParked">Records of the order still parked behind it.</param>
/// <param name="Behind">What happens to them, in a sentence.</param>
/// <param name="By">Who, as recorded.</param>
public sealed record QuarantineDiscardResult(string OrderId, ParkedEntry Discarded, int StillParked, string Behind, string By);
