using System.ComponentModel;
using System.Text.Json;
using ActorOrders.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

// The Kafka palette: kafka lag, dlq list|show|replay|discard. The node answers them; until it has
// the Kafka transport it says what is not configured (501 not-configured) and the console exits 1
// with that sentence. Their documents get their shapes with the Kafka issue: printed as they come.

/// <summary>The options of <c>dlq show|replay|discard</c>.</summary>
public sealed class DeadLetterSettings : AdminSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The dead letter's id")]
    public string Id { get; set; } = "";
}

/// <summary>A Kafka command: one request, its document printed as it comes.</summary>
public abstract class KafkaCommand<T>(Session session) : AdminCommand<T>(session) where T : AdminSettings
{
    protected abstract (HttpMethod Method, string Path) Request(T settings);

    protected override async Task<int> RunAsync(AdminClient admin, T settings, CancellationToken ct)
    {
        var (method, path) = Request(settings);
        var document = method == HttpMethod.Post ? await admin.PostAsync<JsonElement>(path, null, ct) : await admin.GetAsync<JsonElement>(path, ct);
        return Print(settings, document, o => o.WriteLine(JsonSerializer.Serialize(document, Json.Printed)));
    }
}

/// <summary><c>kafka lag</c>: consumer lag of the participants' topics.</summary>
public sealed class KafkaLagCommand(Session session) : KafkaCommand<AdminSettings>(session)
{
    protected override (HttpMethod, string) Request(AdminSettings settings) => (HttpMethod.Get, "kafka/lag");
}

/// <summary><c>dlq list</c>: the dead letters.</summary>
public sealed class DlqListCommand(Session session) : KafkaCommand<AdminSettings>(session)
{
    protected override (HttpMethod, string) Request(AdminSettings settings) => (HttpMethod.Get, "dlq");
}

/// <summary><c>dlq show &lt;id&gt;</c>: one dead letter.</summary>
public sealed class DlqShowCommand(Session session) : KafkaCommand<DeadLetterSettings>(session)
{
    protected override (HttpMethod, string) Request(DeadLetterSettings settings) => (HttpMethod.Get, $"dlq/{Uri.EscapeDataString(settings.Id)}");
}

/// <summary><c>dlq replay &lt;id&gt;</c>: sends a dead letter again.</summary>
public sealed class DlqReplayCommand(Session session) : KafkaCommand<DeadLetterSettings>(session)
{
    protected override (HttpMethod, string) Request(DeadLetterSettings settings) => (HttpMethod.Post, $"dlq/{Uri.EscapeDataString(settings.Id)}/replay");
}

/// <summary><c>dlq discard &lt;id&gt;</c>: drops a dead letter.</summary>
public sealed class DlqDiscardCommand(Session session) : KafkaCommand<DeadLetterSettings>(session)
{
    protected override (HttpMethod, string) Request(DeadLetterSettings settings) => (HttpMethod.Post, $"dlq/{Uri.EscapeDataString(settings.Id)}/discard");
}
