using System.Text;
using System.Text.Json.Nodes;
using ActorOrders.Orders.Kafka.Ingest;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// The validation can fail: a produced message without any one of its required fields, or with any
/// one of its fields of the wrong JSON type, is invalid; so are the constraints' breaches that
/// matter to consumers. For orders.commands, which ActorOrders reads, the schema and
/// <see cref="CommandParser"/> agree on what a record is.
/// </summary>
public sealed class SchemaFailureSpecs(ProducedMessages produced) : IClassFixture<ProducedMessages>
{
    [Fact]
    public void A_message_without_any_one_of_its_required_fields_is_invalid_and_the_error_names_it()
    {
        var problems = new List<string>();
        var checkedFields = 0;
        foreach (var message in produced.All)
        {
            var schema = SchemaCatalog.Document(message.Schema);
            foreach (var (path, name) in RequiredFields(schema, schema, JsonNode.Parse(message.Value), []))
            {
                var mutated = JsonNode.Parse(message.Value)!;
                ((JsonObject)At(mutated, path)!).Remove(name);
                var errors = SchemaCatalog.Problems(message.Schema, Encoding.UTF8.GetBytes(mutated.ToJsonString()));
                checkedFields++;
                if (errors.Count == 0) problems.Add($"{message.Fixture}: still valid without {Show(path)}.{name}");
                else if (!errors.Any(e => e.Contains(name, StringComparison.Ordinal))) problems.Add($"{message.Fixture}: without {Show(path)}.{name}: {string.Join("; ", errors)}");
            }
        }

        problems.ShouldBeEmpty();
        checkedFields.ShouldBeGreaterThan(300);
    }

    [Fact]
    public void A_message_with_any_one_of_its_fields_of_the_wrong_json_type_is_invalid()
    {
        var problems = new List<string>();
        var checkedFields = 0;
        foreach (var message in produced.All)
        {
            foreach (var path in LeafPaths(JsonNode.Parse(message.Value), []))
            {
                var mutated = JsonNode.Parse(message.Value)!;
                var parent = At(mutated, path[..^1])!;
                var wrong = WrongType(At(mutated, path));
                if (parent is JsonObject obj) obj[(string)path[^1]] = wrong;
                else ((JsonArray)parent)[(int)path[^1]] = wrong;
                checkedFields++;
                if (SchemaCatalog.Problems(message.Schema, Encoding.UTF8.GetBytes(mutated.ToJsonString())).Count == 0)
                    problems.Add($"{message.Fixture}: still valid with {Show(path)} = {wrong?.ToJsonString() ?? "null"}");
            }
        }

        problems.ShouldBeEmpty();
        checkedFields.ShouldBeGreaterThan(300);
    }

    public static TheoryData<string, string, string> Breaches => new()
    {
        { "orders.events/PaymentAuthorized.v1.json", "an attribute the envelope does not have", """{"traceid":"abc"}""" },
        { "orders.events/PaymentAuthorized.v1.json", "a sequence that is not zero-padded", """{"sequence":"2"}""" },
        { "orders.events/PaymentAuthorized.v1.json", "an id without the sequence number", """{"id":"order-o-1001"}""" },
        { "orders.events/PaymentAuthorized.v1.json", "a time that is not an RFC 3339 date-time (formats are asserted)", """{"time":"yesterday"}""" },
        { "orders.events/PaymentAuthorized.v1.json", "another type", """{"type":"actororders.order.PaymentDeclined.v1"}""" },
        { "orders.events/PaymentAuthorized.v1.json", "a negative amount", """{"data":{"orderId":"o-1001","paymentReference":"p","amount":-1,"at":"2026-12-01T10:00:00+00:00"}}""" },
        { "orders.events/StepTimedOut.v1.json", "an action that is not one", """{"data":{"orderId":"o-1001","action":"Teleport","attempts":1,"reason":"r","at":"2026-12-01T10:00:00+00:00"}}""" },
        { "orders.events/OrderPlaced.v1.json", "an order without lines", """{"data":{"orderId":"o-1001","customerId":"alice","currency":"USD","lines":[],"shippingAddress":{"line1":"l","city":"c","postalCode":"p","country":"US"},"total":0,"placedAt":"2026-12-01T10:00:00+00:00"}}""" },
        { "payments.commands/AuthorizePayment.v1.json", "an action of another participant", """{"action":"ReserveInventory"}""" },
        { "payments.commands/AuthorizePayment.v1.json", "an idempotency key that is not {orderId}:{action}", """{"idempotencyKey":"random-key"}""" },
        { "payments.commands/AuthorizePayment.v1.json", "a field the request does not have", """{"priority":1}""" },
        { "payments.events/AuthorizePayment.Succeeded.v1.json", "an outcome that is not one", """{"outcome":"Maybe"}""" },
        { "payments.events/AuthorizePayment.Succeeded.v1.json", "a field the reply does not have", """{"fee":0.3}""" },
        { "orders.dlq/utf-8.v1.json", "an encoding that is not one", """{"payloadEncoding":"hex"}""" },
        { "orders.dlq/base64.v1.json", "a base64 payload that is not base64", """{"payload":"not base64!"}""" },
        { "orders.dlq/utf-8.v1.json", "a negative offset", """{"offset":-1}""" },
    };

    [Theory]
    [MemberData(nameof(Breaches))]
    public void A_breach_of_a_constraint_is_invalid(string fixture, string what, string replaced)
    {
        var message = produced.All.Single(m => m.Fixture == fixture);
        var json = JsonNode.Parse(message.Value)!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(replaced)!.AsObject()) json[name] = value?.DeepClone();

        SchemaCatalog.Problems(message.Schema, Encoding.UTF8.GetBytes(json.ToJsonString())).ShouldNotBeEmpty(what);
    }

    [Fact]
    public void A_reply_that_leaves_out_a_nullable_field_is_invalid_and_not_read_either()
    {
        var reply = JsonNode.Parse(produced.All.Single(m => m.Fixture == "payments.events/AuthorizePayment.Succeeded.v1.json").Value)!.AsObject();
        reply.Remove("reason");
        var value = Encoding.UTF8.GetBytes(reply.ToJsonString());

        SchemaCatalog.Problems("payments.events/Reply.v1.schema.json", value).ShouldNotBeEmpty();
        MessageReaders.Problems("payments.events", value).ShouldNotBeEmpty("the schema says what the reader requires");
    }

    public static TheoryData<string, string, bool> Commands => new()
    {
        { "as captured", "", true },
        { "without time and datacontenttype", """{"time":null,"datacontenttype":null}""", true },
        { "with W3C trace context", """{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","tracestate":"vendor=1"}""", true },
        { "an attribute CloudEvents does not define", """{"priority":"high"}""", false },
        { "specversion 0.3", """{"specversion":"0.3"}""", false },
        { "no id", """{"id":null}""", false },
        { "a blank id", """{"id":"  "}""", false },
        { "no source", """{"source":null}""", false },
        { "data that is not an object", """{"data":[]}""", false },
        { "a cancellation's type", """{"type":"actororders.order.CancelOrder.v1"}""", false },
        { "a data field PlaceOrder does not have", """{"data.discount":5}""", false },
        { "a line field a line does not have", """{"data.lines.0.discount":5}""", false },
        { "an address field an address does not have", """{"data.shippingAddress.line2":"Apt 4"}""", false },
        { "no customer", """{"data.customerId":null}""", false },
        { "a blank customer", """{"data.customerId":"   "}""", false },
        { "a currency in lower case", """{"data.currency":"usd"}""", false },
        { "a currency that is not ISO 4217", """{"data.currency":"XYZ"}""", false },
        { "a three-letter country", """{"data.shippingAddress.country":"USA"}""", false },
        { "a blank city", """{"data.shippingAddress.city":" "}""", false },
        { "a postal code of 21 characters", """{"data.shippingAddress.postalCode":"123456789012345678901"}""", false },
        { "no lines", """{"data.lines":[]}""", false },
        { "101 lines", """{"data.lines":"101"}""", false },
        { "a quantity of 0", """{"data.lines.0.quantity":0}""", false },
        { "a quantity of 10,001", """{"data.lines.0.quantity":10001}""", false },
        { "a quantity as a string", """{"data.lines.0.quantity":"2"}""", false },
        { "a fractional quantity", """{"data.lines.0.quantity":2.5}""", false },
        { "a quantity beyond a 32-bit integer", """{"data.lines.0.quantity":12345678901}""", false },
        { "a negative unit price", """{"data.lines.0.unitPrice":-1}""", false },
        { "a unit price over a billion", """{"data.lines.0.unitPrice":1000000000.01}""", false },
        { "a unit price beyond what a decimal holds", """{"data.lines.0.unitPrice":1e30}""", false },
        { "a unit price as a string", """{"data.lines.0.unitPrice":"12.50"}""", false },
        { "a sku of 65 characters", """{"data.lines.0.sku":"SKU-6789012345678901234567890123456789012345678901234567890123456"}""", false },
        { "an order id with a space", """{"data.orderId":"o 1001","subject":"o 1001"}""", false },
        { "an order id of 65 characters", """{"data.orderId":"o-123456789012345678901234567890123456789012345678901234567890123","subject":"o-123456789012345678901234567890123456789012345678901234567890123"}""", false },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_placement_schema_and_the_command_parser_agree(string what, string changes, bool valid)
    {
        var value = Changed("orders.commands/PlaceOrder.v1.json", changes);

        ShouldJudge(SchemaCatalog.Problems("orders.commands/PlaceOrder.v1.schema.json", value), valid, $"the schema, for {what}");
        ShouldJudge(MessageReaders.Problems("orders.commands", value), valid, $"CommandParser, for {what}");
    }

    public static TheoryData<string, string, bool> Cancellations => new()
    {
        { "as captured", "", true },
        { "without a reason", """{"data.reason":"-"}""", true },
        { "with a null reason", """{"data.reason":null}""", true },
        { "a reason of 500 characters", $$"""{"data.reason":"{{new string('r', 500)}}"}""", true },
        { "a reason of 501 characters", $$"""{"data.reason":"{{new string('r', 501)}}"}""", false },
        { "a reason that is a number", """{"data.reason":42}""", false },
        { "a data field CancelOrder does not have", """{"data.refund":true}""", false },
        { "no order id", """{"data.orderId":"-"}""", false },
    };

    [Theory]
    [MemberData(nameof(Cancellations))]
    public void The_cancellation_schema_and_the_command_parser_agree(string what, string changes, bool valid)
    {
        var value = Changed("orders.commands/CancelOrder.v1.json", changes);

        ShouldJudge(SchemaCatalog.Problems("orders.commands/CancelOrder.v1.schema.json", value), valid, $"the schema, for {what}");
        ShouldJudge(MessageReaders.Problems("orders.commands", value), valid, $"CommandParser, for {what}");
    }

    private static void ShouldJudge(IReadOnlyList<string> problems, bool valid, string who) =>
        (problems.Count == 0).ShouldBe(valid, $"{who} should find it {(valid ? "valid" : "invalid")}; it said: {(problems.Count == 0 ? "valid" : string.Join("; ", problems))}");

    // The produced record with changes applied: "a.b.0.c": value sets (JSON null removes an
    // envelope attribute); "-" removes; "101" as the lines copies the first line 101 times.
    private byte[] Changed(string fixture, string changes)
    {
        var root = JsonNode.Parse(produced.All.Single(m => m.Fixture == fixture).Value)!;
        foreach (var (path, value) in changes.Length == 0 ? [] : JsonNode.Parse(changes)!.AsObject())
        {
            var segments = path.Split('.');
            var parent = segments[..^1].Aggregate(root, (node, s) => int.TryParse(s, out var i) ? node[i]! : node[s]!);
            var name = segments[^1];
            if ((value is null && segments.Length == 1) || value?.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == "-") parent.AsObject().Remove(name);
            else if (name == "lines" && value?.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == "101")
                parent[name] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => parent[name]![0]!.DeepClone())]);
            else parent[name] = value?.DeepClone();
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    // Every (object path, required name) the instance has, following the schema.
    private static IEnumerable<(object[] Path, string Name)> RequiredFields(JsonObject root, JsonNode? schema, JsonNode? instance, object[] path)
    {
        schema = Resolve(root, schema);
        if (instance is JsonObject obj)
        {
            foreach (var name in schema?["required"]?.AsArray().Select(n => n!.GetValue<string>()) ?? [])
            {
                if (obj.ContainsKey(name)) yield return (path, name);
            }

            foreach (var (name, value) in obj)
            {
                foreach (var nested in RequiredFields(root, schema?["properties"]?[name], value, [.. path, name])) yield return nested;
            }
        }
        else if (instance is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var nested in RequiredFields(root, schema?["items"], array[i], [.. path, i])) yield return nested;
            }
        }
    }

    private static IEnumerable<object[]> LeafPaths(JsonNode? node, object[] path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var leaf in LeafPaths(value, [.. path, name])) yield return leaf;
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leaf in LeafPaths(array[i], [.. path, i])) yield return leaf;
                }

                break;
            default:
                yield return path;
                break;
        }
    }

    private static JsonNode? WrongType(JsonNode? value) => value?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => JsonValue.Create(12345),
        System.Text.Json.JsonValueKind.Number => JsonValue.Create("12"),
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => JsonValue.Create("true"),
        _ => new JsonArray(), // null: the field is nullable, an array is not one of its types
    };

    private static JsonNode? At(JsonNode root, object[] path) =>
        path.Aggregate<object, JsonNode?>(root, (node, segment) => segment is int i ? node?[i] : node?[(string)segment]);

    private static string Show(object[] path) => "$" + string.Concat(path.Select(s => s is int i ? $"[{i}]" : $".{s}"));

    private static JsonNode? Resolve(JsonObject root, JsonNode? schema)
    {
        while (schema?["$ref"]?.GetValue<string>() is { } reference)
            schema = reference[2..].Split('/').Aggregate<string, JsonNode?>(root, (node, segment) => node?[segment]);
        return schema;
    }
}
