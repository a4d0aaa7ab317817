namespace ActorOrders.Node.Tests.Support;

/// <summary>
/// A fact that runs a command-line tool (kubectl, docker-compose). Skipped, saying which, when the tool is not
/// on PATH, except under CI=true, where the test runs and fails instead: .ci/run installs what the tests need.
/// </summary>
public sealed class ToolFactAttribute : FactAttribute
{
    public ToolFactAttribute(string tool)
    {
        var isCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Find(tool) is null && !isCi) Skip = $"{tool} is not on PATH (.ci/run installs it; locally: apt-get install {tool}).";
    }

    /// <summary>The tool's full path, or null.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
