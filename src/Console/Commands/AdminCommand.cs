using System.ComponentModel;
using System.Text.Json;
using ActorOrders.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary>The options every command has.</summary>
public class AdminSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the admin API's JSON (shapes: src/Console/README.md) instead of text")]
    public bool Json { get; set; }

    [CommandOption("--token <TOKEN>")]
    [Description("The node's admin token (default: ACTORORDERS_ADMIN_TOKEN)")]
    public string? Token { get; set; }
}

/// <summary>A command that talks to the node's admin API and prints text or, with --json, the API's JSON.</summary>
public abstract class AdminCommand<T>(Session session) : AsyncCommand<T> where T : AdminSettings
{
    protected Session Session { get; } = session;

    /// <inheritdoc />
    public sealed override async Task<int> ExecuteAsync(CommandContext context, T settings, CancellationToken cancellationToken)
    {
        using var client = new AdminClient(Session, settings.Token);
        return await RunAsync(client, settings, cancellationToken);
    }

    protected abstract Task<int> RunAsync(AdminClient admin, T settings, CancellationToken ct);

    /// <summary>Prints <paramref name="document"/> as JSON with --json, else the text <paramref name="text"/> writes.</summary>
    protected int Print<TDocument>(T settings, TDocument document, Action<TextWriter> text)
    {
        if (settings.Json) Session.Out.WriteLine(JsonSerializer.Serialize(document, Json.Printed));
        else text(Session.Out);
        return ExitCodes.Ok;
    }
}
