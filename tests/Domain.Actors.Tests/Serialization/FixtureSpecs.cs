using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>
/// Schema evolution guard: the bytes written by earlier versions (Fixtures/&lt;manifest&gt;.json)
/// must still read as the expected values. See Fixtures/README.md.
/// </summary>
[Collection(SerializationCollection.Name)]
public sealed class FixtureSpecs(SerializationSystem fixture)
{
    private const string WriteVariable = "ACTORORDERS_WRITE_FIXTURES";

    private readonly OrdersJsonSerializer _serializer = fixture.Serializer;

    private static string OutputFixtures => Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures");

    [Fact]
    public void Every_event_type_and_the_snapshot_has_a_fixture()
    {
        var missing = Samples.StoredTypes
            .Select(t => _serializer.Manifest(Samples.ByType[t]))
            .Where(m => !File.Exists(Path.Combine(OutputFixtures, m + ".json")))
            .ToList();

        if (missing.Count > 0 && Environment.GetEnvironmentVariable(WriteVariable) == "1") missing = WriteMissing(missing);

        missing.ShouldBeEmpty(
            $"these stored types have no fixture; to create them deliberately run the tests once with {WriteVariable}=1 and commit the new files");
    }

    [Fact]
    public void Every_fixture_reads_back_as_the_value_it_was_written_from()
    {
        var files = Directory.Exists(OutputFixtures) ? Directory.GetFiles(OutputFixtures, "*.json") : [];
        files.ShouldNotBeEmpty();

        var problems = new List<string>();
        foreach (var file in files)
        {
            var manifest = Path.GetFileNameWithoutExtension(file);
            if (Expected(manifest) is not { } expected)
            {
                problems.Add($"{manifest}: no expected value (a current sample, or an entry in Samples.RetiredManifests)");
                continue;
            }

            try
            {
                var read = _serializer.FromBinary(File.ReadAllBytes(file), manifest);
                problems.AddRange(Structural.Differences(expected, read).Select(d => $"{manifest}: {d}"));
            }
            catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or InvalidCastException)
            {
                problems.Add($"{manifest}: {e.Message}");
            }
        }

        problems.ShouldBeEmpty();
    }

    private object? Expected(string manifest) =>
        Samples.RetiredManifests.TryGetValue(manifest, out var retired)
            ? retired
            : Samples.ByType.Values.FirstOrDefault(s => _serializer.Manifest(s) == manifest);

    // Writes only fixtures missing from the source tree (to be committed); an existing fixture
    // is history and is never rewritten. The output folder then gets the source tree's copy, so
    // this run sees exactly what will be committed.
    private List<string> WriteMissing(List<string> manifests)
    {
        var source = Path.Combine(SourceProjectDirectory(), "Serialization", "Fixtures");
        Directory.CreateDirectory(OutputFixtures);
        foreach (var manifest in manifests)
        {
            var sourceFile = Path.Combine(source, manifest + ".json");
            if (!File.Exists(sourceFile))
            {
                var sample = Samples.ByType.Values.Single(s => _serializer.Manifest(s) == manifest);
                using var file = new FileStream(sourceFile, FileMode.CreateNew);
                file.Write(_serializer.ToBinary(sample));
            }

            File.Copy(sourceFile, Path.Combine(OutputFixtures, manifest + ".json"), overwrite: true);
        }

        return [.. manifests.Where(m => !File.Exists(Path.Combine(OutputFixtures, m + ".json")))];
    }

    private static string SourceProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Domain.Actors.Tests.csproj"))) return dir.FullName;
        }

        throw new InvalidOperationException($"Domain.Actors.Tests.csproj not found above {AppContext.BaseDirectory}.");
    }
}
