using ActorOrders.Cli.Infrastructure;

namespace ActorOrders.Cli.Interactive;

/// <summary>
/// The interactive prompt (no command given): one command a line against the session's node.
/// A line that is only an address switches node; a line that starts with one runs that command there.
/// On a terminal it edits with history and Tab completion; with redirected input it reads plain lines.
/// </summary>
public static class Repl
{
    public static async Task<int> RunAsync(Session session, Func<ConsoleKeyInfo>? keys = null)
    {
        var history = new History(History.DefaultFile);
        var terminal = keys is not null || !System.Console.IsInputRedirected;
        var editor = terminal ? new LineEditor(keys ?? (() => System.Console.ReadKey(intercept: true)), session.Out, history) : null;
        CancellationTokenSource? running = null;
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // Ctrl+C ends the running command (a tail), not the prompt.
            e.Cancel = true;
            running?.Cancel();
        }

        System.Console.CancelKeyPress += OnCancel;
        try
        {
            if (terminal) session.Out.WriteLine($"actororders: connected to {Target.Show(session.Address)}; Tab completes, 'help' lists commands, 'exit' leaves.");
            var last = ExitCodes.Ok;
            while (true)
            {
                var line = editor is not null ? editor.ReadLine($"{Target.Show(session.Address)}> ") : await session.In.ReadLineAsync();
                if (line is null) return last;
                var words = Words.Split(line);
                if (words.Count == 0) continue;
                if (words[0] is "exit" or "quit") return last;
                history.Add(line.Trim());

                var (address, rest) = Target.Split(words);
                if (address is not null && rest.Length == 0)
                {
                    session.Address = address;
                    session.Out.WriteLine($"connected to {Target.Show(address)}");
                    continue;
                }

                if (rest[0] == "help") rest = [.. rest.Skip(1), "--help"];
                var home = session.Address;
                using (running = CancellationTokenSource.CreateLinkedTokenSource(session.Cancellation))
                {
                    session.Address = address ?? home;
                    var outer = session.Cancellation;
                    session.Cancellation = running.Token;
                    try
                    {
                        last = await Runner.RunAsync(session, rest);
                    }
                    finally
                    {
                        session.Cancellation = outer;
                        session.Address = home;
                    }
                }

                running = null;
            }
        }
        finally
        {
            System.Console.CancelKeyPress -= OnCancel;
        }
    }
}
