namespace ActorOrders.Cli.Infrastructure;

/// <summary>The console's exit codes, which scripts can rely on.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it says.</summary>
    public const int Ok = 0;

    /// <summary>The node refused or failed it (not found, too late, not configured, not confirmed, a bulk action with failures).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown command, missing or bad option); also a parameter the node calls bad.</summary>
    public const int Usage = 2;

    /// <summary>The node's admin API cannot be reached (refused, no answer, bad address).</summary>
    public const int Unreachable = 3;

    /// <summary>The node wants a token and none or a wrong one was given.</summary>
    public const int Unauthorized = 4;
}

/// <summary>A command that cannot go on: its one-line message and its exit code.</summary>
public sealed class ConsoleFailure(int exitCode, string message) : Exception(message)
{
    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;
}
