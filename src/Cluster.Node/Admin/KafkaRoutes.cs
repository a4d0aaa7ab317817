using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorOrders.Contracts.Admin;
using ActorOrders.Node.Wiring;
using ActorOrders.Orders.Kafka.Dlq;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Orders.Kafka.Publication;
using Confluent.Kafka;

namespace ActorOrders.Node.Admin;

/// <summary>
/// The Kafka palette on a node with Kafka: <c>GET /kafka/lag</c>; the dead letters
/// (<c>GET /dlq</c>, <c>GET /dlq/{id}</c>, <c>POST /dlq/{id}/replay</c>, <c>POST /dlq/{id}/discard</c>)
/// from the index of orders.dlq (table kafka_dead_letters); the ingest's ordered quarantine
/// (<c>GET /quarantine</c>, <c>POST /quarantine/{orderId}/redrive</c>, <c>POST /quarantine/{orderId}/discard-head</c>).
/// Every action is recorded with who and when: on the row (dead letters) and as a Warning in the node's log.
/// </summary>
internal static class KafkaRoutes
{
    private const int DefaultLimit = 100, MaxLimit = 1000;

    public static RouteGroupBuilder MapKafkaRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/kafka/lag", LagAsync);
        api.MapGet("/dlq", ListAsync);
        api.MapGet("/dlq/{id}", ShowAsync);
        api.MapPost("/dlq/{id}/replay", ReplayAsync);
        api.MapPost("/dlq/{id}/discard", DiscardAsync);
        api.MapGet("/quarantine", QuarantineAsync);
        api.MapPost("/quarantine/{orderId}/redrive", RedriveAsync);
        api.MapPost("/quarantine/{orderId}/discard-head", DiscardHeadAsync);
        return api;
    }

    private static async Task<IResult> LagAsync(AdminContext a, CancellationToken ct)
    {
        var consumers = new List<KafkaConsumerLag>();
        foreach (var (name, control) in a.Services.GetRequiredService<KafkaConsumers>().All.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var group = KafkaWiring.GroupOf(a.Settings, name);
            if (control is null || control.IsShutdown.IsCompleted)
            {
                consumers.Add(new KafkaConsumerLag(name, group, false, [], 0, control is null ? "not started yet" : "stopped"));
                continue;
            }

            try
            {
                var partitions = (await control.GetLagAsync().WaitAsync(a.AskTimeout, ct))
                    .OrderBy(p => p.Partition.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition.Partition.Value)
                    .Select(p => new KafkaPartitionLag(p.Partition.Topic, p.Partition.Partition.Value, p.Committed, p.HighWatermark, p.Lag))
                    .ToList();
                consumers.Add(new KafkaConsumerLag(name, group, true, partitions, partitions.Sum(p => p.Lag), null));
            }
            catch (Exception ex) when (ex is KafkaException or TimeoutException or InvalidOperationException)
            {
                consumers.Add(new KafkaConsumerLag(name, group, true, [], 0, ex.Message));
            }
        }

        var publication = a.Monitor.Snapshot()
            .Where(s => s.Projection == OrderEventsPublisher.ProjectionName)
            .Select(s => new PublicationSliceLag(s.Slice, s.Running, s.StoredOffset, s.LagEvents, s.LagSeconds))
            .ToList();
        return Results.Ok(new KafkaLag(a.Clock.GetUtcNow(), consumers, publication));
    }

    private static async Task<IResult> ListAsync(AdminContext a, string? status, int? limit, CancellationToken ct)
    {
        if (Index(a, out var missing) is not { } index) return missing!;
        if (status is not null && !DeadLetterStatuses.All.Contains(status))
            return AdminResults.BadRequest($"status must be one of {string.Join(", ", DeadLetterStatuses.All)} (was '{status}').");
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return AdminResults.BadRequest($"limit must be between 1 and {MaxLimit} (was {size}).");

        var rows = await index.ListAsync(status, size, ct);
        return Results.Ok(new DeadLetterList([.. rows.Select(Summary)], index.OpenCount));
    }

    private static async Task<IResult> ShowAsync(AdminContext a, string id, CancellationToken ct)
    {
        if (Index(a, out var missing) is not { } index) return missing!;
        if (await index.GetAsync(id, ct) is not { } row) return NoSuch(id);
        var (encoding, payload) = Payload(row.Payload);
        return Results.Ok(new DeadLetterDetail(Summary(row), encoding, payload, row.DlqPartition, row.DlqOffset));
    }

    private static async Task<IResult> ReplayAsync(AdminContext a, HttpContext http, string id, string? force, CancellationToken ct)
    {
        if (Index(a, out var missing) is not { } index) return missing!;
        if (await index.GetAsync(id, ct) is not { } row) return NoSuch(id);
        if (!a.Settings.Kafka.Topics.All().Contains(row.OriginalTopic, StringComparer.Ordinal))
            return Refused($"Dead letter {id} came from '{row.OriginalTopic}', which is not one of this node's topics: it is not replayed.");

        var by = AdminContext.By(http);
        var at = a.Clock.GetUtcNow();
        var (change, before) = await index.MarkReplayedAsync(id, by, at, Forced(force), ct);
        if (change == DeadLetterChange.NotFound) return NoSuch(id);
        if (change == DeadLetterChange.Refused) return AlreadyActioned(before!, "replay");

        a.Record(http, "dlq replay", $"{id} to {row.OriginalTopic} (key {row.Key})");
        DeliveryResult<string, byte[]> delivered;
        try
        {
            delivered = await a.Services.GetRequiredService<IProducer<string, byte[]>>().ProduceAsync(row.OriginalTopic, new Message<string, byte[]>
            {
                Key = row.Key!,
                Value = row.Payload,
                Headers = [new Header("replayed-from", Encoding.UTF8.GetBytes(id)), new Header("replayed-by", Encoding.UTF8.GetBytes(by))],
            }, ct);
        }
        catch (Exception ex) when (ex is KafkaException or OperationCanceledException)
        {
            await index.RestoreAsync(before!, CancellationToken.None);
            return AdminResults.Unavailable($"Dead letter {id} was not replayed: producing to {row.OriginalTopic} failed ({ex.Message}); it keeps its status ({before!.Status}).");
        }

        var to = string.Create(CultureInfo.InvariantCulture, $"{delivered.Topic}/{delivered.Partition.Value}@{delivered.Offset.Value}");
        return Results.Ok(new DeadLetterActionResult(id, "replay", DeadLetterIndex.Replayed, by, at, to));
    }

    private static async Task<IResult> DiscardAsync(AdminContext a, HttpContext http, string id, string? force, CancellationToken ct)
    {
        if (Index(a, out var missing) is not { } index) return missing!;
        var by = AdminContext.By(http);
        var at = a.Clock.GetUtcNow();
        var (change, before) = await index.MarkDiscardedAsync(id, by, at, Forced(force), ct);
        if (change == DeadLetterChange.NotFound) return NoSuch(id);
        if (change == DeadLetterChange.Refused) return AlreadyActioned(before!, "discard");
        a.Record(http, "dlq discard", id);
        return Results.Ok(new DeadLetterActionResult(id, "discard", DeadLetterIndex.Discarded, by, at, null));
    }

    private static async Task<IResult> QuarantineAsync(AdminContext a, CancellationToken ct)
    {
        if (Quarantine(a, out var missing) is not { } quarantine) return missing!;
        var parked = await quarantine.ListAsync(null, ct);
        return Results.Ok(new QuarantineList([.. parked.Select(Entry)], parked.Select(p => p.OrderId).Distinct(StringComparer.Ordinal).Count()));
    }

    private static async Task<IResult> RedriveAsync(AdminContext a, HttpContext http, string orderId, CancellationToken ct)
    {
        if (Quarantine(a, out var missing) is not { } quarantine) return missing!;
        if (a.Services.GetRequiredService<RunningIngest>().Ingest is not { } ingest)
            return AdminResults.Unavailable("The ingest of orders.commands has not started on this node yet; try again in a moment.");
        if ((await quarantine.ListAsync(orderId, ct)).Count == 0) return NothingParked(orderId);

        a.Record(http, "quarantine redrive", orderId);
        var (replayed, stillParked) = await ingest.RedriveAsync(orderId, ct);
        return Results.Ok(new QuarantineRedriveResult(orderId, replayed, stillParked, AdminContext.By(http)));
    }

    private static async Task<IResult> DiscardHeadAsync(AdminContext a, HttpContext http, string orderId, CancellationToken ct)
    {
        if (Quarantine(a, out var missing) is not { } quarantine) return missing!;
        var parked = await quarantine.ListAsync(orderId, ct);
        if (parked.Count == 0) return NothingParked(orderId);

        var head = parked[0];
        a.Record(http, "quarantine discard-head", $"{orderId} ({head.Topic}/{head.Partition}@{head.Offset})");
        await quarantine.RemoveAsync(head, ct);
        var behind = parked.Count - 1;
        var what = behind > 0
            ? $"The {behind} record(s) behind it stay parked, in their order, and order {orderId} stays quarantined (its new records are parked behind them) " +
              $"until you redrive it (POST /quarantine/{orderId}/redrive), which applies them in order, or discard them one by one."
            : $"Nothing was parked behind it: order {orderId} leaves the quarantine and its next records are handled as they come.";
        return Results.Ok(new QuarantineDiscardResult(orderId, Entry(head), behind, what, AdminContext.By(http)));
    }

    private static DeadLetterIndex? Index(AdminContext a, out IResult? missing)
    {
        var index = a.Services.GetService<DeadLetterIndex>();
        missing = index is null
            ? AdminResults.Problem(StatusCodes.Status501NotImplemented, "not-configured",
                "This node keeps no dead-letter index: it needs the journal's database (ActorOrders:Projections:Enabled and a SQLite or PostgreSQL journal).")
            : null;
        return index;
    }

    private static IngestQuarantine? Quarantine(AdminContext a, out IResult? missing)
    {
        var quarantine = a.Services.GetService<IngestQuarantine>();
        missing = quarantine is null
            ? AdminResults.Problem(StatusCodes.Status501NotImplemented, "not-configured",
                "The ingest of orders.commands does not run on this node (ActorOrders:Kafka:Ingest:Enabled, and the read side's database): there is no quarantine here.")
            : null;
        return quarantine;
    }

    private static bool Forced(string? force) =>
        force is not null && (force.Length == 0 || force.Equals("true", StringComparison.OrdinalIgnoreCase) || force == "1");

    private static IResult NoSuch(string id) => AdminResults.NotFound($"No dead letter {id} (ids are dlq-{{partition}}-{{offset}} of orders.dlq; dlq list shows them).");

    private static IResult NothingParked(string orderId) => AdminResults.NotFound($"Order {orderId} has no record parked in the quarantine.");

    private static IResult Refused(string detail) => AdminResults.Problem(StatusCodes.Status409Conflict, "refused", detail);

    private static IResult AlreadyActioned(DeadLetterRow row, string action) => Refused(
        $"Dead letter {row.Id} is {row.Status} already (by {row.ActionedBy ?? "unknown"} at {row.ActionedAt:yyyy-MM-dd HH:mm:ss}Z); " +
        $"add ?force=true to {action} it anyway.");

    private static DeadLetterSummary Summary(DeadLetterRow r) =>
        new(r.Id, r.OriginalTopic, r.Partition, r.Offset, r.Key, r.Error, r.Attempts, r.FailedAt, r.Status, r.ActionedBy, r.ActionedAt, r.Replays);

    // The payload as JSON when it is a JSON document, as text when it is UTF-8, else base64.
    private static (string Encoding, JsonElement Payload) Payload(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return ("json", document.RootElement.Clone());
        }
        catch (JsonException)
        {
            // not JSON: text or bytes
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return ("utf-8", JsonSerializer.SerializeToElement(text));
        }
        catch (DecoderFallbackException)
        {
            return ("base64", JsonSerializer.SerializeToElement(Convert.ToBase64String(bytes)));
        }
    }

    private static ParkedEntry Entry(ParkedRecord p) => new(p.OrderId, p.Topic, p.Partition, p.Offset, TypeOf(p.Payload), p.Error, p.Attempts, p.ParkedAt);

    private static string? TypeOf(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
