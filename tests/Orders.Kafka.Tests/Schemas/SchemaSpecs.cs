using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorOrders.Contracts;
using ActorOrders.Domain.Participants;
using ActorOrders.Orders.Kafka.Events;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// docs/schemas against what the system writes: every message type the code produces is valid
/// against its schema and declares nothing the schema does not, every public event type has a
/// schema, every schema's examples are valid and read by today's readers, and the schemas agree
/// with the code's own lists (currencies, actions, outcomes).
/// </summary>
public sealed class SchemaSpecs(ProducedMessages produced) : IClassFixture<ProducedMessages>
{
    [Fact]
    public void The_schemas_are_there()
    {
        SchemaCatalog.Files.Count.ShouldBeGreaterThan(20, $"docs/schemas should be copied to {SchemaCatalog.Folder}");
    }

    [Fact]
    public void Every_message_the_system_produces_is_valid_against_its_schema()
    {
        var problems = produced.All
            .SelectMany(m => SchemaCatalog.Problems(m.Schema, m.Value).Select(p => $"{m.Fixture} vs {m.Schema}: {p}"))
            .ToList();

        problems.ShouldBeEmpty();
        produced.All.Select(m => m.Topic).Distinct().Count().ShouldBe(9, "orders.commands, orders.events, orders.dlq and each participant's two topics");
    }

    [Fact]
    public void Every_message_is_found_its_schema_the_way_a_consumer_finds_it()
    {
        foreach (var message in produced.All) MessageReaders.SchemaFor(message.Topic, message.Value).ShouldBe(message.Schema, message.Fixture);
    }

    [Fact]
    public void Every_field_the_system_writes_is_declared_in_its_schema()
    {
        var problems = produced.All
            .SelectMany(m => DeclaredFields.Undeclared(SchemaCatalog.Document(m.Schema), JsonNode.Parse(m.Value)).Select(p => $"{m.Fixture}: {p} is not in {m.Schema}"))
            .ToList();

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_journal_event_type_has_a_sample_a_public_name_and_a_schema_of_that_type()
    {
        var problems = new List<string>();
        foreach (var type in ProducedMessages.JournalEventTypes)
        {
            if (ProducedMessages.EventSamples.SingleOrDefault(e => e.GetType() == type) is not { } sample)
            {
                problems.Add($"{type.Name}: no sample in {nameof(ProducedMessages)}.{nameof(ProducedMessages.EventSamples)}");
                continue;
            }

            var name = PublicOrderEvents.Of(sample).Name;
            var schema = ProducedMessages.EventSchemaOf(name);
            if (!SchemaCatalog.Files.Contains(schema)) problems.Add($"{type.Name}: published as {name}, but docs/schemas/{schema} does not exist");
            else if (SchemaCatalog.Document(schema)["properties"]?["type"]?["const"]?.GetValue<string>() != $"{PublicOrderEvents.TypePrefix}{name}.v1")
                problems.Add($"{schema}: its type is not {PublicOrderEvents.TypePrefix}{name}.v1");
        }

        problems.ShouldBeEmpty();
        ProducedMessages.JournalEventTypes.ShouldContain(typeof(Domain.Events.OrderPlaced), "the reflection scan found the journal events");
        ProducedMessages.JournalEventTypes.ShouldContain(typeof(Domain.Events.OrderRejected), "the reflection scan found the journal events");
    }

    [Fact]
    public void Every_schema_describes_a_message_the_system_produces()
    {
        SchemaCatalog.Files.ShouldBe(produced.All.Select(m => m.Schema).Distinct().Order(StringComparer.Ordinal), ignoreOrder: true);
    }

    [Fact]
    public void Every_schema_is_draft_2020_12_with_its_id_title_description_examples_and_a_closed_top_level()
    {
        var problems = new List<string>();
        foreach (var file in SchemaCatalog.Files)
        {
            var schema = SchemaCatalog.Document(file);
            var topic = file.Split('/')[0];
            var message = Path.GetFileName(file)[..^".schema.json".Length];
            if (schema["$schema"]?.GetValue<string>() != "https://json-schema.org/draft/2020-12/schema") problems.Add($"{file}: $schema is not draft 2020-12");
            if (schema["$id"]?.GetValue<string>() != $"urn:actororders:schemas:{topic}:{message}") problems.Add($"{file}: $id is not urn:actororders:schemas:{topic}:{message}");
            if (schema["title"]?.GetValue<string>() is not { Length: > 0 } title || !title.StartsWith(topic + " ", StringComparison.Ordinal)) problems.Add($"{file}: the title does not start with the topic");
            if (schema["description"]?.GetValue<string>() is not { Length: > 20 }) problems.Add($"{file}: no description");
            if (schema["examples"] is not JsonArray { Count: > 0 }) problems.Add($"{file}: no examples");
            if (schema["additionalProperties"]?.GetValue<bool>() != false) problems.Add($"{file}: the top level is not closed");
            SchemaCatalog.Schema(file).ShouldNotBeNull();
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Every_example_is_valid_against_its_schema_declares_only_its_fields_and_is_read_by_todays_code()
    {
        var problems = new List<string>();
        foreach (var file in SchemaCatalog.Files)
        {
            var schema = SchemaCatalog.Document(file);
            var topic = file.Split('/')[0];
            var examples = schema["examples"]!.AsArray();
            for (var i = 0; i < examples.Count; i++)
            {
                var value = Encoding.UTF8.GetBytes(examples[i]!.ToJsonString());
                var where = $"{file} examples[{i}]";
                problems.AddRange(SchemaCatalog.Problems(file, value).Select(p => $"{where}: {p}"));
                problems.AddRange(DeclaredFields.Undeclared(schema, examples[i]).Select(p => $"{where}: {p} is not declared"));
                problems.AddRange(MessageReaders.Problems(topic, value).Select(p => $"{where}: {p}"));
                if (MessageReaders.SchemaFor(topic, value) != file) problems.Add($"{where}: a consumer would check it against {MessageReaders.SchemaFor(topic, value)}");
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void Definitions_of_the_same_name_are_the_same_in_every_schema_of_a_family()
    {
        // The schemas are self-contained (no reference between files), so shared definitions are
        // repeated: here they are kept equal, within orders.commands, orders.events and the participants' topics.
        var problems = new List<string>();
        foreach (var family in SchemaCatalog.Files.GroupBy(Family))
        {
            var first = new Dictionary<string, (string File, JsonNode Definition)>(StringComparer.Ordinal);
            foreach (var file in family)
            {
                foreach (var (name, definition) in SchemaCatalog.Document(file)["$defs"]?.AsObject() ?? [])
                {
                    if (name == "data" || definition is null) continue;
                    if (!first.TryGetValue(name, out var seen)) first[name] = (file, definition);
                    else if (!JsonNode.DeepEquals(seen.Definition, definition)) problems.Add($"$defs/{name} differs between {seen.File} and {file}");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_placement_accepts_exactly_the_currencies_the_validator_accepts()
    {
        var listed = Enum("orders.commands/PlaceOrder.v1.schema.json", "$defs", "data", "properties", "currency");

        listed.ShouldBe(PlaceOrderValidator.Currencies.Order(StringComparer.Ordinal), ignoreOrder: true);
    }

    [Fact]
    public void Actions_and_outcomes_are_the_codes_own_and_each_topic_lists_the_actions_addressed_to_it()
    {
        var all = System.Enum.GetNames<ParticipantAction>();
        foreach (var file in SchemaCatalog.Files.Where(f => f.StartsWith("orders.events/", StringComparison.Ordinal)))
        {
            if (SchemaCatalog.Document(file)["$defs"]?["action"] is not null) Enum(file, "$defs", "action").ShouldBe(all, ignoreOrder: true, file);
        }

        foreach (var participant in System.Enum.GetValues<Participant>())
        {
            var prefix = ProducedMessages.TopicPrefixOf(participant);
            var actions = System.Enum.GetValues<ParticipantAction>().Where(a => a.ParticipantOf() == participant).Select(a => a.ToString()).ToList();
            Enum($"{prefix}.commands/Request.v1.schema.json", "properties", "action").ShouldBe(actions, ignoreOrder: true);
            Enum($"{prefix}.events/Reply.v1.schema.json", "properties", "action").ShouldBe(actions, ignoreOrder: true);
            Enum($"{prefix}.events/Reply.v1.schema.json", "properties", "outcome").ShouldBe(System.Enum.GetNames<ParticipantOutcome>(), ignoreOrder: true);
        }
    }

    [Fact]
    public void The_docs_link_every_topic_folder_of_the_schemas()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "docs", "kafka.md"))) root = root.Parent ?? throw new DirectoryNotFoundException("docs/kafka.md not found above the test assembly");
        var kafka = File.ReadAllText(Path.Combine(root.FullName, "docs", "kafka.md"));
        var readme = File.ReadAllText(Path.Combine(root.FullName, "docs", "schemas", "README.md"));

        kafka.ShouldContain("schemas/README.md");
        foreach (var topic in SchemaCatalog.Files.Select(f => f.Split('/')[0]).Distinct()) readme.ShouldContain($"({topic}/", customMessage: $"docs/schemas/README.md links {topic}/");
    }

    private static List<string> Enum(string file, params string[] path)
    {
        var node = path.Aggregate<string, JsonNode?>(SchemaCatalog.Document(file), (n, segment) => n?[segment]);
        return node?["enum"]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? throw new InvalidDataException($"{file}: no enum at {string.Join('/', path)}");
    }

    private static string Family(string file)
    {
        var topic = file.Split('/')[0];
        return topic.StartsWith("orders.", StringComparison.Ordinal) ? topic : "participants";
    }
}
