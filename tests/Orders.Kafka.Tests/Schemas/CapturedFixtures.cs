namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// The v1 messages captured from the code that wrote them (Schemas/Fixtures/{topic}/{name}.json,
/// copied beside the test assembly). They are history: a fixture is written once, deliberately,
/// with <c>ACTORORDERS_WRITE_FIXTURES=1</c>, and never rewritten, so a change of the code that
/// makes an old message invalid or unreadable shows as a failing test.
/// </summary>
public static class CapturedFixtures
{
    /// <summary>Set to 1 to write the fixtures that are missing from the source tree.</summary>
    public const string WriteVariable = "ACTORORDERS_WRITE_FIXTURES";

    private const string ProjectFileName = "Orders.Kafka.Tests.csproj";
    private static readonly string Relative = Path.Combine("Schemas", "Fixtures");

    /// <summary>The folder the fixtures are copied to.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, Relative);

    /// <summary>Every fixture, as {topic}/{name}.json.</summary>
    public static IReadOnlyList<string> Files() => Directory.Exists(Folder)
        ? [.. Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>A fixture's bytes.</summary>
    public static byte[] Read(string fixture) => File.ReadAllBytes(Path.Combine(Folder, fixture));

    /// <summary>
    /// The produced messages without a fixture; with <see cref="WriteVariable"/>=1 they are first
    /// written to the source tree (never over an existing file) and copied beside the assembly.
    /// </summary>
    public static IReadOnlyList<ProducedMessage> Missing(IEnumerable<ProducedMessage> produced)
    {
        var missing = produced.Where(m => !File.Exists(Path.Combine(Folder, m.Fixture))).ToList();
        if (missing.Count == 0 || Environment.GetEnvironmentVariable(WriteVariable) != "1") return missing;

        var source = Path.Combine(SourceProjectDirectory(), Relative);
        foreach (var message in missing)
        {
            var sourceFile = Path.Combine(source, message.Fixture);
            Directory.CreateDirectory(Path.GetDirectoryName(sourceFile)!);
            if (!File.Exists(sourceFile))
            {
                using var file = new FileStream(sourceFile, FileMode.CreateNew);
                file.Write(message.Value);
            }

            var outputFile = Path.Combine(Folder, message.Fixture);
            Directory.CreateDirectory(Path.GetDirectoryName(outputFile)!);
            File.Copy(sourceFile, outputFile, overwrite: true);
        }

        return [.. missing.Where(m => !File.Exists(Path.Combine(Folder, m.Fixture)))];
    }

    private static string SourceProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFileName))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"{ProjectFileName} not found above {AppContext.BaseDirectory}");
    }
}
