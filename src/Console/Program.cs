using ActorOrders.Cli.Infrastructure;
using ActorOrders.Cli.Interactive;

namespace ActorOrders.Cli;

/// <summary>
/// <c>actororders [host:port] [command]</c>: one command against a node's admin API, or, with no
/// command, an interactive prompt with history and completion.
/// </summary>
internal static class Program
{
    /// <summary>The environment variable that holds the token when --token is not given.</summary>
    public const string TokenVariable = "ACTORORDERS_ADMIN_TOKEN";

    private static async Task<int> Main(string[] args)
    {
        var (address, rest) = Target.Split(args);
        var session = new Session(address ?? Target.Default, Environment.GetEnvironmentVariable(TokenVariable), System.Console.Out, System.Console.Error, System.Console.In);
        if (rest.Length == 0) return await Repl.RunAsync(session);

        using var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            // Ctrl+C ends the command (a tail) and the process exits through the normal path, with its exit code.
            e.Cancel = true;
            stop.Cancel();
        };
        session.Cancellation = stop.Token;
        return await Runner.RunAsync(session, rest);
    }
}
