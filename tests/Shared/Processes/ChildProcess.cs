using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace ActorOrders.Testing;

/// <summary>
/// One of our processes (a node, the participants host) run for real from this test's output folder:
/// <c>dotnet {dll} --urls http://127.0.0.1:0 --Key=Value …</c>. The HTTP address comes from Kestrel's
/// "Now listening on:" line; stdout and stderr are kept (with the time each line arrived) for the test
/// output. <see cref="Kill"/> is SIGKILL, <see cref="StopAsync"/> SIGTERM with a deadline.
/// </summary>
public abstract partial class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(45);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private HttpClient? _http;

    protected ChildProcess(string name, string dll, IReadOnlyDictionary<string, string?> settings, string workingDirectory)
    {
        Name = name;
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path)) throw new FileNotFoundException($"{dll} is not in the test output folder; the test project must reference its project.", path);

        // A leash: should this test process die without disposing us, coreutils' timeout SIGKILLs the child
        // after 15 minutes. It forwards SIGTERM, and Kill() takes it down with the child (the whole tree).
        var psi = new ProcessStartInfo("timeout")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--signal=KILL", "900", "dotnet", path }) psi.ArgumentList.Add(arg);
        foreach (var (key, value) in settings)
        {
            if (value is not null) psi.ArgumentList.Add($"--{key}={value}");
        }

        // Only the arguments configure the child: nothing a developer exported for their own runs.
        foreach (var key in psi.Environment.Keys.ToList())
        {
            if (key.StartsWith("ActorOrders__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_URLS" or "HTTP_PORTS" or "HTTPS_PORTS")
                psi.Environment.Remove(key);
        }

        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine("out", e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine("err", e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Pid = _process.Id;
        Record($"started pid {Pid}: {string.Join(' ', psi.ArgumentList.Take(3))} dotnet {dll} {string.Join(' ', psi.ArgumentList.Skip(4))}");
    }

    public string Name { get; }

    public int Pid { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited, null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The HTTP address Kestrel reported.</summary>
    public Uri Address => _listening.Task.IsCompletedSuccessfully ? _listening.Task.Result : throw new InvalidOperationException($"{Name} is not listening yet.");

    public HttpClient Http => _http ??= new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Settings every child process gets: HTTP on a free loopback port, the lines the tests read, timestamps.</summary>
    protected static Dictionary<string, string?> CommonSettings() => new()
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Logging:LogLevel:Default"] = "Warning",
        // "Now listening on:" is an Information line of this category.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>A TCP port free on 127.0.0.1 right now (for Akka.Remote, which must be known before start).</summary>
    public static int FreePort()
    {
        // Not a port the OS picks (port 0): those come from the ephemeral range, where every outgoing connection
        // (a PostgreSQL client, a Kafka client, remoting) also takes its local port, so one could take it between
        // this check and the child's bind ("address already in use", seen in a multi-node run). Below that range
        // only listeners take ports; each port is handed out once per test process.
        lock (Handed)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(PortsFrom, PortsTo);
                if (!Handed.Add(port)) continue;
                try
                {
                    using var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    return port;
                }
                catch (SocketException)
                {
                    // In use: try another.
                }
            }
        }

        throw new InvalidOperationException($"No free port between {PortsFrom} and {PortsTo} after 1000 attempts.");
    }

    // Below Linux's default ephemeral range (32768-60999).
    private const int PortsFrom = 20000;
    private const int PortsTo = 32000;
    private static readonly HashSet<int> Handed = [];

    /// <summary>Waits for Kestrel's address, then for GET /health/ready to answer 200; fails at once if the process exits.</summary>
    public Task WaitReadyAsync(TimeSpan? deadline = null) => WaitHealthyAsync("/health/ready", deadline);

    /// <summary>Waits for Kestrel's address, then for GET /health/live (the actor system runs, remoting is bound).</summary>
    public Task WaitLiveAsync(TimeSpan? deadline = null) => WaitHealthyAsync("/health/live", deadline);

    private async Task WaitHealthyAsync(string path, TimeSpan? deadline)
    {
        var limit = deadline ?? StartDeadline;
        var clock = Stopwatch.StartNew();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(limit));
        if (first != _listening.Task) throw Failure(exited.IsCompleted ? $"exited with code {_process.ExitCode} before listening" : $"not listening within {limit.TotalSeconds} s");

        while (true)
        {
            if (_process.HasExited) throw Failure($"exited with code {_process.ExitCode} before {path} answered 200");
            try
            {
                using var response = await Http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    Record($"{path} answered 200 after {clock.Elapsed.TotalSeconds:0.0} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not accepting yet
            }

            if (clock.Elapsed > limit) throw Failure($"{path} did not answer 200 within {limit.TotalSeconds} s");
            await Task.Delay(100); // ok: the poll interval of a loop bounded by its deadline above, not a wait for a condition
        }
    }

    /// <summary>SIGKILL (the whole process tree) and wait until it is gone: a crash, nothing runs on the way out.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        var tree = Descendants(Pid).Prepend(Pid).ToList();
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(10_000)) throw Failure("still running 10 s after SIGKILL");
        // The app is the leash's child: it is gone (its sockets closed, its ports free) only once it is a zombie or reaped.
        if (!SpinWait.SpinUntil(() => !tree.Any(IsAlive), TimeSpan.FromSeconds(10)))
            throw Failure($"process {string.Join(", ", tree.Where(IsAlive))} still alive 10 s after SIGKILL");

        Record("killed (SIGKILL)");
    }

    /// <summary>Child processes, grandchildren included, from /proc (Linux).</summary>
    private static IEnumerable<int> Descendants(int pid)
    {
        var children = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "task", pid.ToString(CultureInfo.InvariantCulture), "children");
        string text;
        try
        {
            text = File.ReadAllText(children);
        }
        catch (IOException)
        {
            yield break;
        }

        foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)))
        {
            yield return child;
            foreach (var grandchild in Descendants(child)) yield return grandchild;
        }
    }

    /// <summary>Running, sleeping or stopped; a zombie (Z) or dead (X) process no longer holds anything.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state is not ("Z" or "X");
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then wait for the process to exit by itself within <paramref name="deadline"/> (it is killed otherwise).</summary>
    public async Task StopAsync(TimeSpan deadline)
    {
        if (_process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            Record($"stopped (SIGTERM), exit code {_process.ExitCode}");
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw Failure($"did not stop within {deadline.TotalSeconds} s of SIGTERM");
        }
    }

    /// <summary>Everything the process printed so far, one line each, prefixed with the seconds since it started.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public void WriteOutputTo(ITestOutputHelper output)
    {
        output.WriteLine($"===== {Name} (pid {Pid}{(_process.HasExited ? $", exit code {_process.ExitCode}" : ", running")}) =====");
        foreach (var line in _output) output.WriteLine(line);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _http?.Dispose();
        _process.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private void OnLine(string stream, string? line)
    {
        if (line is null) return;
        Record(line, stream);
        if (!_listening.Task.IsCompleted && ListeningLine().Match(line) is { Success: true } m)
            _listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    private void Record(string line, string stream = "test") => _output.Enqueue($"{_clock.Elapsed.TotalSeconds,7:0.000} {stream} {line}");

    private InvalidOperationException Failure(string what) =>
        new($"{Name} (pid {Pid}) {what}. Its last output:\n{string.Join('\n', _output.TakeLast(40))}");

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
