using ActorOrders.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace ActorOrders.Cli;

/// <summary>Runs one command (the arguments after the address) against the session's node; every failure becomes its exit code and one line on stderr.</summary>
public static class Runner
{
    public static async Task<int> RunAsync(Session session, IReadOnlyList<string> args)
    {
        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetApplicationName("actororders");
            c.PropagateExceptions();
            c.Settings.Registrar.RegisterInstance(session);
            CommandTree.Configure(c);
        });
        try
        {
            return await app.RunAsync(args, session.Cancellation);
        }
        catch (ConsoleFailure failure)
        {
            session.Err.WriteLine(failure.Message);
            return failure.ExitCode;
        }
        catch (CommandAppException usage)
        {
            session.Err.WriteLine(usage.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (session.Cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the normal end of a streaming command
            return ExitCodes.Ok;
        }
    }
}
