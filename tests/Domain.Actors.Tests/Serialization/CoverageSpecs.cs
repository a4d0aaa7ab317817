using System.Text.RegularExpressions;
using ActorOrders.Domain.Serialization;

namespace ActorOrders.Domain.Tests.Serialization;

/// <summary>Every message, event and snapshot type has a sample, a versioned manifest, and survives the trip.</summary>
[Collection(SerializationCollection.Name)]
public sealed partial class CoverageSpecs(SerializationSystem fixture)
{
    private readonly OrdersJsonSerializer _serializer = fixture.Serializer;

    public static TheoryData<string> CoveredTypeNames() => [.. Samples.CoveredTypes.Select(t => t.FullName!)];

    [Fact]
    public void Every_serializable_type_in_Domain_Actors_has_a_sample_and_a_manifest()
    {
        var problems = new List<string>();
        foreach (var type in Samples.CoveredTypes)
        {
            if (!Samples.ByType.TryGetValue(type, out var sample))
            {
                problems.Add($"{type.FullName}: no sample in Samples.ByType");
                continue;
            }

            try
            {
                _serializer.Manifest(sample);
            }
            catch (System.Runtime.Serialization.SerializationException)
            {
                problems.Add($"{type.FullName}: no manifest in ManifestTable");
            }
        }

        problems.ShouldBeEmpty();
        Samples.CoveredTypes.Count.ShouldBeGreaterThan(20, "the reflection scan found the message types");
    }

    [Fact]
    public void The_manifest_table_holds_exactly_the_covered_types()
    {
        ManifestTable.Entries.Select(e => e.Type).ShouldBe(Samples.CoveredTypes, ignoreOrder: true);
        Samples.ByType.Keys.ShouldBe(Samples.CoveredTypes, ignoreOrder: true);
    }

    [Fact]
    public void Every_manifest_is_the_type_name_and_a_version()
    {
        foreach (var entry in ManifestTable.Entries)
        {
            var match = ManifestPattern().Match(entry.Manifest);
            match.Success.ShouldBeTrue($"'{entry.Manifest}' is not Name.vN");
            match.Groups["name"].Value.ShouldBe(entry.Type.Name);
        }
    }

    [Fact]
    public void Every_sample_sets_every_field_so_a_dropped_field_would_show()
    {
        foreach (var sample in Samples.ByType.Values)
            Structural.DefaultFields(sample).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CoveredTypeNames))]
    public void A_value_reads_back_equal_to_what_was_written(string typeName)
    {
        var sample = Samples.ByType.Single(s => s.Key.FullName == typeName).Value;

        var bytes = _serializer.ToBinary(sample);
        var read = _serializer.FromBinary(bytes, _serializer.Manifest(sample));

        read.ShouldBeOfType(sample.GetType());
        Structural.Differences(sample, read).ShouldBeEmpty();
    }

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z0-9]*)\.v(?<version>[1-9][0-9]*)$")]
    private static partial Regex ManifestPattern();
}
