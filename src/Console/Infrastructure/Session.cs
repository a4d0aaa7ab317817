namespace ActorOrders.Cli.Infrastructure;

/// <summary>
/// What every command of one run (or of one interactive session) shares: the node, the token,
/// who the console reports itself as, and where it reads and writes.
/// </summary>
public sealed class Session(Uri address, string? token, TextWriter output, TextWriter errors, TextReader input)
{
    /// <summary>The node's admin address (changed in the interactive prompt by typing an address).</summary>
    public Uri Address { get; set; } = address;

    /// <summary>The token from ACTORORDERS_ADMIN_TOKEN; a command's --token wins.</summary>
    public string? Token { get; } = token;

    /// <summary>Who the console reports to the node (recorded when the node has no token): the OS user at this host.</summary>
    public string User { get; } = $"{Environment.UserName}@{Environment.MachineName}";

    public TextWriter Out { get; } = output;

    public TextWriter Err { get; } = errors;

    public TextReader In { get; } = input;

    /// <summary>Ctrl+C: ends a streaming command (cluster tail) or the current command.</summary>
    public CancellationToken Cancellation { get; set; }
}
