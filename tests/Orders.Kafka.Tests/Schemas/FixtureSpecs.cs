using System.Text.Json.Nodes;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// The v1 messages captured from today's code (Schemas/Fixtures) must stay valid against the
/// schemas and readable by the current readers, whatever the code and the schemas become: a
/// change that breaks a fixture breaks the consumers holding such messages, and is a v2.
/// </summary>
public sealed class FixtureSpecs(ProducedMessages produced) : IClassFixture<ProducedMessages>
{
    [Fact]
    public void Every_produced_message_type_has_a_captured_v1_fixture()
    {
        CapturedFixtures.Missing(produced.All).Select(m => m.Fixture).ShouldBeEmpty(
            $"these messages have no fixture; capture them deliberately by running the tests once with {CapturedFixtures.WriteVariable}=1, and commit the new files");
    }

    [Fact]
    public void Every_fixture_is_valid_against_the_schema_a_consumer_would_pick_for_it()
    {
        var fixtures = CapturedFixtures.Files();
        fixtures.Count.ShouldBeGreaterThan(40, $"the fixtures should be copied to {CapturedFixtures.Folder}");

        var problems = new List<string>();
        foreach (var fixture in fixtures)
        {
            var (topic, value) = (Topic(fixture), CapturedFixtures.Read(fixture));
            var schema = MessageReaders.SchemaFor(topic, value);
            if (!SchemaCatalog.Files.Contains(schema))
            {
                problems.Add($"{fixture}: docs/schemas/{schema} is gone");
                continue;
            }

            problems.AddRange(SchemaCatalog.Problems(schema, value).Select(p => $"{fixture} vs {schema}: {p}"));
            // A field dropped from an open schema would not make the fixture invalid; this does.
            problems.AddRange(DeclaredFields.Undeclared(SchemaCatalog.Document(schema), JsonNode.Parse(value)).Select(p => $"{fixture}: {p} is no longer declared in {schema}"));
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_fixture_is_read_by_todays_code()
    {
        var problems = CapturedFixtures.Files()
            .SelectMany(f => MessageReaders.Problems(Topic(f), CapturedFixtures.Read(f)).Select(p => $"{f}: {p}"))
            .ToList();

        problems.ShouldBeEmpty();
    }

    private static string Topic(string fixture) => fixture.Split('/')[0];
}
