using System.Diagnostics;
using System.Text;

namespace ActorOrders.Cli.Tests.Support;

/// <summary>What one run of the console printed and how it exited.</summary>
public sealed record ConsoleResult(int ExitCode, string Out, string Err)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Err}";
}

/// <summary>
/// Runs the console as a process (<c>dotnet actororders.dll …</c> from this output folder), with a
/// home folder of its own (its prompt history) and no token from the developer's environment.
/// </summary>
public static class ConsoleRun
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string Home = Directory.CreateTempSubdirectory("actororders-console-home-").FullName;

    public static async Task<ConsoleResult> RunAsync(IEnumerable<string> args, string? input = null, string? token = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actororders.dll"));
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["HOME"] = Home;
        psi.Environment.Remove("ACTORORDERS_ADMIN_TOKEN");
        if (token is not null) psi.Environment["ACTORORDERS_ADMIN_TOKEN"] = token;

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null) await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"actororders {string.Join(' ', args)} did not exit within {Deadline.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }

        return new ConsoleResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<ConsoleResult> RunAsync(params string[] args) => RunAsync(args, input: null);

    /// <summary>Starts a console that runs until interrupted (cluster tail); its lines arrive as it prints them.</summary>
    public static RunningConsole Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actororders.dll"));
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["HOME"] = Home;
        psi.Environment.Remove("ACTORORDERS_ADMIN_TOKEN");
        return new RunningConsole(Process.Start(psi)!);
    }

    /// <summary>Who the console reports itself as: the same user and host as this test process.</summary>
    public static string User => $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>One line per argument vector, for messages.</summary>
    public static string Show(IEnumerable<string> args) => new StringBuilder("actororders ").AppendJoin(' ', args).ToString();
}

/// <summary>A console process still running; <see cref="InterruptAsync"/> is Ctrl+C (SIGINT).</summary>
public sealed class RunningConsole : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public RunningConsole(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Sends SIGINT and returns the exit code (the process is killed if it does not exit within 15 s).</summary>
    public async Task<int> InterruptAsync()
    {
        using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
