using System.Text.Json.Nodes;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// The fields of a message that its schema does not declare. The data of orders.events is open
/// (consumers must ignore what they do not know), so the schema alone would let a producer add a
/// field silently, or a field be dropped from the schema while messages still carry it; this
/// walk keeps both deliberate: every field we write is in the schema's <c>properties</c>.
/// It follows local <c>$ref</c>s (<c>#/$defs/…</c>), <c>properties</c> and <c>items</c>, which
/// is all the schemas of docs/schemas use.
/// </summary>
public static class DeclaredFields
{
    /// <summary>JSON paths of the instance's properties that the schema does not declare.</summary>
    public static IReadOnlyList<string> Undeclared(JsonObject schema, JsonNode? instance)
    {
        var found = new List<string>();
        Walk(schema, schema, instance, "$", found);
        return found;
    }

    private static void Walk(JsonObject root, JsonNode? schema, JsonNode? instance, string path, List<string> found)
    {
        schema = Resolve(root, schema);
        switch (instance)
        {
            case JsonObject obj when (schema?["properties"]) is JsonObject properties:
                foreach (var (name, value) in obj)
                {
                    if (properties[name] is { } property) Walk(root, property, value, $"{path}.{name}", found);
                    else found.Add($"{path}.{name}");
                }

                break;
            case JsonArray array when (schema?["items"]) is { } items:
                for (var i = 0; i < array.Count; i++) Walk(root, items, array[i], $"{path}[{i}]", found);
                break;
        }
    }

    private static JsonNode? Resolve(JsonObject root, JsonNode? schema)
    {
        for (var hops = 0; schema?["$ref"]?.GetValue<string>() is { } reference; hops++)
        {
            if (hops > 16 || !reference.StartsWith("#/", StringComparison.Ordinal)) throw new InvalidDataException($"$ref '{reference}': only local references are followed");
            schema = reference[2..].Split('/').Aggregate<string, JsonNode?>(root, (node, segment) => node?[segment.Replace("~1", "/").Replace("~0", "~")]);
            if (schema is null) throw new InvalidDataException($"$ref '{reference}' resolves to nothing");
        }

        return schema;
    }
}
