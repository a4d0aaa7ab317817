using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

// The Kafka palette: kafka lag, dlq list|show|replay|discard, quarantine list|redrive|discard-head.
// A node without Kafka answers 501 not-configured: the console exits 1 with its sentence.

/// <summary><c>kafka lag</c>: the node's consumers (group, lag, lagging partitions) and the orders.events publication's slices.</summary>
public sealed class KafkaLagCommand(Session session) : AdminCommand<KafkaLagSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, KafkaLagSettings settings, CancellationToken ct)
    {
        var lag = await admin.GetAsync<KafkaLag>("kafka/lag", ct);
        return Print(settings, lag, o =>
        {
            foreach (var c in lag.Consumers)
            {
                o.WriteLine(c.Running
                    ? $"{c.Consumer} | group {c.Group} | {Text.Count(c.Partitions.Count, "partition", "partitions")} | lag {c.Lag}{(c.Error is null ? "" : $" | {c.Error}")}"
                    : $"{c.Consumer} | group {c.Group} | {c.Error ?? "not running"}");
                foreach (var p in c.Partitions.Where(p => settings.All || p.Lag > 0))
                    o.WriteLine($"  {p.Topic}/{p.Partition} | committed {(p.Committed is { } committed ? committed.ToString(CultureInfo.InvariantCulture) : "-")} | high watermark {p.HighWatermark} | lag {p.Lag}");
            }

            if (lag.Publication.Count > 0)
            {
                var here = lag.Publication.Count(s => s.RunningHere);
                o.WriteLine($"orders.events publication | {Text.Count(lag.Publication.Count, "slice", "slices")} ({here} here) | lag {lag.Publication.Sum(s => s.LagEvents ?? 0)} events, oldest {lag.Publication.Max(s => s.LagSeconds ?? 0):0.#}s");
                foreach (var s in lag.Publication.Where(s => settings.All || s.LagEvents > 0))
                    o.WriteLine($"  slice {s.Slice} | {(s.RunningHere ? "here" : "elsewhere")} | offset {s.StoredOffset} | lag {(s.LagEvents is { } e ? e.ToString(CultureInfo.InvariantCulture) : "-")} events, {s.LagSeconds ?? 0:0.#}s");
            }
        });
    }
}

/// <summary>The options of <c>kafka lag</c>.</summary>
public sealed class KafkaLagSettings : AdminSettings
{
    [CommandOption("-a|--all")]
    [Description("Every partition and slice, not only those that lag")]
    public bool All { get; set; }
}

/// <summary>The options of <c>dlq list</c>.</summary>
public sealed class DlqListSettings : AdminSettings
{
    [CommandOption("-s|--status <STATUS>")]
    [Description("Only this status: open, replayed or discarded")]
    public string? Status { get; set; }

    [CommandOption("-n|--limit <N>")]
    [Description("Most entries, newest first (default 100, at most 1000)")]
    public int? Limit { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        Status is not null && !DeadLetterStatuses.All.Contains(Status) ? ValidationResult.Error($"--status must be one of {string.Join(", ", DeadLetterStatuses.All)} (was '{Status}').")
        : Limit is < 1 or > 1000 ? ValidationResult.Error("--limit must be between 1 and 1000.")
        : ValidationResult.Success();
}

/// <summary><c>dlq list</c>: dead letters, newest first, with their status and who acted.</summary>
public sealed class DlqListCommand(Session session) : AdminCommand<DlqListSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, DlqListSettings settings, CancellationToken ct)
    {
        var query = string.Join("&", new[] { settings.Status is null ? null : $"status={Uri.EscapeDataString(settings.Status)}", settings.Limit is { } n ? $"limit={n}" : null }.Where(q => q is not null));
        var list = await admin.GetAsync<DeadLetterList>(query.Length == 0 ? "dlq" : $"dlq?{query}", ct);
        return Print(settings, list, o =>
        {
            foreach (var d in list.Items) o.WriteLine(DeadLetterText.Line(d));
            o.WriteLine($"{Text.Count(list.Items.Count, "dead letter", "dead letters")} ({list.Open} open in all)");
        });
    }
}

/// <summary>The options of <c>dlq show|replay|discard</c>.</summary>
public class DeadLetterSettings : AdminSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The dead letter's id (dlq-{partition}-{offset}; dlq list shows them)")]
    public string Id { get; set; } = "";
}

/// <summary>The options of <c>dlq replay|discard</c>.</summary>
public sealed class DeadLetterActionSettings : DeadLetterSettings
{
    [CommandOption("-f|--force")]
    [Description("Act even when it was replayed or discarded already")]
    public bool Force { get; set; }
}

/// <summary><c>dlq show &lt;id&gt;</c>: one dead letter with its payload (JSON pretty-printed, else text or base64).</summary>
public sealed class DlqShowCommand(Session session) : AdminCommand<DeadLetterSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, DeadLetterSettings settings, CancellationToken ct)
    {
        var d = await admin.GetAsync<DeadLetterDetail>($"dlq/{Uri.EscapeDataString(settings.Id)}", ct);
        return Print(settings, d, o =>
        {
            var e = d.Entry;
            o.WriteLine($"{e.Id} | {e.Status}{DeadLetterText.Actioned(e)}");
            o.WriteLine($"from     {e.OriginalTopic}/{e.Partition}@{e.Offset}, key {e.Key ?? "(none)"}");
            o.WriteLine($"failed   {Text.Time(e.FailedAt)} after {Text.Count(e.Attempts, "attempt", "attempts")}, {Text.Count(e.Replays, "replay", "replays")} since");
            o.WriteLine($"error    {e.Error}");
            o.WriteLine($"in       orders.dlq/{d.DlqPartition}@{d.DlqOffset}");
            o.WriteLine($"payload  ({d.PayloadEncoding})");
            o.WriteLine(d.PayloadEncoding == "json" ? JsonSerializer.Serialize(d.Payload, Json.Printed) : d.Payload.GetString());
        });
    }
}

/// <summary><c>dlq replay &lt;id&gt; [--force]</c>: produces the original key and payload to the original topic again.</summary>
public sealed class DlqReplayCommand(Session session) : AdminCommand<DeadLetterActionSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, DeadLetterActionSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<DeadLetterActionResult>($"dlq/{Uri.EscapeDataString(settings.Id)}/replay{(settings.Force ? "?force=true" : "")}", null, ct);
        return Print(settings, result, o => o.WriteLine($"{result.Id}: replayed to {result.ReplayedTo} (recorded as {result.By})"));
    }
}

/// <summary><c>dlq discard &lt;id&gt; [--force]</c>: marks a dead letter as needing nothing more.</summary>
public sealed class DlqDiscardCommand(Session session) : AdminCommand<DeadLetterActionSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, DeadLetterActionSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<DeadLetterActionResult>($"dlq/{Uri.EscapeDataString(settings.Id)}/discard{(settings.Force ? "?force=true" : "")}", null, ct);
        return Print(settings, result, o => o.WriteLine($"{result.Id}: discarded (recorded as {result.By})"));
    }
}

/// <summary><c>quarantine list</c>: records parked in the ingest's ordered quarantine, by order, oldest first.</summary>
public sealed class QuarantineListCommand(Session session) : AdminCommand<AdminSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, AdminSettings settings, CancellationToken ct)
    {
        var list = await admin.GetAsync<QuarantineList>("quarantine", ct);
        return Print(settings, list, o =>
        {
            foreach (var p in list.Records) o.WriteLine(DeadLetterText.Line(p));
            o.WriteLine($"{Text.Count(list.Records.Count, "parked record", "parked records")}, {Text.Count(list.Orders, "order", "orders")}");
        });
    }
}

/// <summary>The options of <c>quarantine redrive|discard-head</c>.</summary>
public sealed class QuarantineOrderSettings : AdminSettings
{
    [CommandArgument(0, "<ORDER-ID>")]
    [Description("The order whose parked records to act on")]
    public string OrderId { get; set; } = "";
}

/// <summary><c>quarantine redrive &lt;order-id&gt;</c>: replays the order's parked records in order; exit 1 when some stay parked.</summary>
public sealed class QuarantineRedriveCommand(Session session) : AdminCommand<QuarantineOrderSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, QuarantineOrderSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<QuarantineRedriveResult>($"quarantine/{Uri.EscapeDataString(settings.OrderId)}/redrive", null, ct);
        Print(settings, result, o => o.WriteLine(
            $"{result.OrderId}: {result.Replayed} replayed in order, {result.StillParked} still parked{(result.StillParked > 0 ? " (the first still fails)" : "")} (recorded as {result.By})"));
        return result.StillParked > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }
}

/// <summary><c>quarantine discard-head &lt;order-id&gt;</c>: drops the order's oldest parked record and says what happens to those behind it.</summary>
public sealed class QuarantineDiscardHeadCommand(Session session) : AdminCommand<QuarantineOrderSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, QuarantineOrderSettings settings, CancellationToken ct)
    {
        var result = await admin.PostAsync<QuarantineDiscardResult>($"quarantine/{Uri.EscapeDataString(settings.OrderId)}/discard-head", null, ct);
        var d = result.Discarded;
        return Print(settings, result, o => o.WriteLine($"{result.OrderId}: discarded {d.Topic}/{d.Partition}@{d.Offset} ({d.Type ?? "unreadable"}) (recorded as {result.By}). {result.Behind}"));
    }
}

internal static class DeadLetterText
{
    public static string Line(DeadLetterSummary d) =>
        $"{d.Id} | {d.Status}{Actioned(d)} | {d.OriginalTopic}/{d.Partition}@{d.Offset} | key {d.Key ?? "-"} | {Text.Time(d.FailedAt)} | {d.Error}";

    public static string Line(ParkedEntry p) =>
        $"{p.OrderId} | {p.Topic}/{p.Partition}@{p.Offset} | {p.Type ?? "unreadable"} | parked {Text.Time(p.ParkedAt)} | {p.Error}";

    public static string Actioned(DeadLetterSummary d) =>
        d.ActionedBy is null ? "" : $" by {d.ActionedBy}{(d.ActionedAt is { } at ? " at " + Text.Time(at) : "")}";
}
