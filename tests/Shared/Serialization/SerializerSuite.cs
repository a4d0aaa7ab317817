using System.Runtime.Serialization;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Serialization;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace ActorOrders.Testing.Serialization;

/// <summary>
/// The specification every serializer of ours meets, written once and run for each (like a store
/// contract suite): a sample and a versioned manifest for every covered type, a lossless round
/// trip, Akka's binding resolving to it, refusal of unknown manifests and type names, and
/// fixtures — the bytes earlier versions wrote — that keep reading back as the values they were
/// written from. A derived class names the serializer, its samples and its fixture folder.
/// </summary>
public abstract partial class SerializerSuite
{
    private const string WriteVariable = "ACTORORDERS_WRITE_FIXTURES";

    /// <summary>An actor system configured as a node is (the serializer's HOCON applied).</summary>
    protected abstract ActorSystem System { get; }

    /// <summary>The serializer under test.</summary>
    protected abstract SerializerWithStringManifest Serializer { get; }

    /// <summary>Every type the serializer must cover (found by reflection over a marker interface).</summary>
    protected abstract IReadOnlyList<Type> CoveredTypes { get; }

    /// <summary>The types of the serializer's manifest table.</summary>
    protected abstract IEnumerable<Type> TableTypes { get; }

    /// <summary>One sample per covered type, every field set to a non-default value.</summary>
    protected abstract IReadOnlyDictionary<Type, object> Samples { get; }

    /// <summary>The covered types whose bytes outlive the process (stored or sent between versions): each has a fixture.</summary>
    protected abstract IReadOnlyList<Type> FixtureTypes { get; }

    /// <summary>What fixtures under retired manifests read as, once upcast.</summary>
    protected virtual IReadOnlyDictionary<string, object> RetiredManifests { get; } = new Dictionary<string, object>();

    /// <summary>The test project's file name, to find the source folder when fixtures are written.</summary>
    protected abstract string ProjectFileName { get; }

    /// <summary>The fixtures folder, relative to the test project.</summary>
    protected virtual string FixtureFolder => Path.Combine("Serialization", "Fixtures");

    private string OutputFixtures => Path.Combine(AppContext.BaseDirectory, FixtureFolder);

    [Fact]
    public void Every_covered_type_has_a_sample_and_a_manifest()
    {
        var problems = new List<string>();
        foreach (var type in CoveredTypes)
        {
            if (!Samples.TryGetValue(type, out var sample)) problems.Add($"{type.FullName}: no sample");
            else if (!Try(() => Serializer.Manifest(sample))) problems.Add($"{type.FullName}: no manifest in the table");
        }

        problems.ShouldBeEmpty();
        CoveredTypes.ShouldNotBeEmpty("the reflection scan found the message types");
    }

    [Fact]
    public void The_manifest_table_holds_exactly_the_covered_types()
    {
        TableTypes.ShouldBe(CoveredTypes, ignoreOrder: true);
        Samples.Keys.ShouldBe(CoveredTypes, ignoreOrder: true);
    }

    [Fact]
    public void Every_manifest_is_the_type_name_and_a_version()
    {
        foreach (var sample in Samples.Values)
        {
            var manifest = Serializer.Manifest(sample);
            var match = ManifestPattern().Match(manifest);
            match.Success.ShouldBeTrue($"'{manifest}' is not Name.vN");
            match.Groups["name"].Value.ShouldBe(sample.GetType().Name);
        }
    }

    [Fact]
    public void Every_sample_sets_every_field_so_a_dropped_field_would_show()
    {
        foreach (var sample in Samples.Values)
            Structural.DefaultFields(sample).ShouldBeEmpty();
    }

    [Fact]
    public void Every_value_reads_back_equal_to_what_was_written()
    {
        var problems = new List<string>();
        foreach (var sample in Samples.Values)
        {
            var read = Serializer.FromBinary(Serializer.ToBinary(sample), Serializer.Manifest(sample));
            if (read.GetType() != sample.GetType()) problems.Add($"{sample.GetType().Name} read back as {read.GetType().Name}");
            problems.AddRange(Structural.Differences(sample, read));
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void No_type_names_are_written()
    {
        foreach (var sample in Samples.Values)
        {
            var json = Encoding.UTF8.GetString(Serializer.ToBinary(sample));
            json.ShouldNotContain("$type");
            json.ShouldNotContain("ActorOrders.");
        }
    }

    [Fact]
    public void Akka_picks_this_serializer_for_every_covered_type_and_never_the_default_one()
    {
        var fallbacks = CoveredTypes
            .Select(t => (Type: t, Found: System.Serialization.FindSerializerForType(t)))
            .Where(x => x.Found.Identifier != Serializer.Identifier)
            .Select(x => $"{x.Type.Name} → {x.Found.GetType().Name}")
            .ToList();

        fallbacks.ShouldBeEmpty();
    }

    [Fact]
    public void Akka_finds_the_serializer_by_its_id_and_reads_what_it_wrote()
    {
        Serializer.Identifier.ShouldBeGreaterThan(40, "ids up to 40 are Akka's");
        foreach (var sample in Samples.Values)
        {
            var serializer = System.Serialization.FindSerializerFor(sample);
            serializer.Identifier.ShouldBe(Serializer.Identifier);

            var bytes = serializer.ToBinary(sample);
            var read = System.Serialization.Deserialize(bytes, serializer.Identifier, AkkaSerialization.ManifestFor(serializer, sample));

            Structural.Differences(sample, read).ShouldBeEmpty();
        }
    }

    [Fact]
    public void An_unknown_manifest_is_refused_with_an_exception_naming_it()
    {
        var sample = Samples.Values.First();
        var bytes = Serializer.ToBinary(sample);
        var unknown = sample.GetType().Name + ".v999";

        Should.Throw<SerializationException>(() => Serializer.FromBinary(bytes, unknown)).Message.ShouldContain($"'{unknown}'");
    }

    [Fact]
    public void A_type_name_as_manifest_is_refused_rather_than_resolved()
    {
        foreach (var sample in Samples.Values)
        {
            var bytes = Serializer.ToBinary(sample);
            Should.Throw<SerializationException>(() => Serializer.FromBinary(bytes, sample.GetType().AssemblyQualifiedName!));
        }
    }

    [Fact]
    public void A_type_that_is_not_in_the_table_is_refused_on_write()
    {
        var value = new NotInTheTable("order-1");

        Should.Throw<SerializationException>(() => Serializer.ToBinary(value)).Message.ShouldContain(nameof(NotInTheTable));
        Should.Throw<SerializationException>(() => Serializer.Manifest(value));
        Should.Throw<SerializationException>(() => Serializer.ToBinary("just a string"));
    }

    [Fact]
    public void Bytes_that_are_not_json_are_refused_with_the_manifest_named()
    {
        var manifest = Serializer.Manifest(Samples.Values.First());

        Should.Throw<SerializationException>(() => Serializer.FromBinary(Encoding.UTF8.GetBytes("not json"), manifest))
            .Message.ShouldContain(manifest);
    }

    [Fact]
    public void Every_stored_or_wire_type_has_a_fixture()
    {
        var missing = FixtureTypes
            .Select(t => Serializer.Manifest(Samples[t]))
            .Where(m => !File.Exists(Path.Combine(OutputFixtures, m + ".json")))
            .ToList();

        if (missing.Count > 0 && Environment.GetEnvironmentVariable(WriteVariable) == "1") missing = WriteMissing(missing);

        missing.ShouldBeEmpty(
            $"these types have no fixture; to create them deliberately run the tests once with {WriteVariable}=1 and commit the new files");
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
                problems.Add($"{manifest}: no expected value (a current sample, or an entry in RetiredManifests)");
                continue;
            }

            try
            {
                var read = Serializer.FromBinary(File.ReadAllBytes(file), manifest);
                problems.AddRange(Structural.Differences(expected, read).Select(d => $"{manifest}: {d}"));
            }
            catch (Exception e) when (e is SerializationException or InvalidCastException)
            {
                problems.Add($"{manifest}: {e.Message}");
            }
        }

        problems.ShouldBeEmpty();
    }

    private object? Expected(string manifest) =>
        RetiredManifests.TryGetValue(manifest, out var retired)
            ? retired
            : Samples.Values.FirstOrDefault(s => Serializer.Manifest(s) == manifest);

    // Writes only fixtures missing from the source tree (to be committed); an existing fixture
    // is history and is never rewritten. The output folder then gets the source tree's copy, so
    // this run sees exactly what will be committed.
    private List<string> WriteMissing(List<string> manifests)
    {
        var source = Path.Combine(SourceProjectDirectory(), FixtureFolder);
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(OutputFixtures);
        foreach (var manifest in manifests)
        {
            var sourceFile = Path.Combine(source, manifest + ".json");
            if (!File.Exists(sourceFile))
            {
                var sample = Samples.Values.Single(s => Serializer.Manifest(s) == manifest);
                using var file = new FileStream(sourceFile, FileMode.CreateNew);
                file.Write(Serializer.ToBinary(sample));
            }

            File.Copy(sourceFile, Path.Combine(OutputFixtures, manifest + ".json"), overwrite: true);
        }

        return [.. manifests.Where(m => !File.Exists(Path.Combine(OutputFixtures, m + ".json")))];
    }

    private string SourceProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFileName))) return dir.FullName;
        }

        throw new InvalidOperationException($"{ProjectFileName} not found above {AppContext.BaseDirectory}.");
    }

    private static bool Try(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (SerializationException)
        {
            return false;
        }
    }

    private sealed record NotInTheTable(string OrderId);

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z0-9]*)\.v(?<version>[1-9][0-9]*)$")]
    private static partial Regex ManifestPattern();
}
