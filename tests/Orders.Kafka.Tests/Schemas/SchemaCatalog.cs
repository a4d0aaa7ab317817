using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ActorOrders.Orders.Kafka.Tests.Schemas;

/// <summary>
/// The JSON Schemas of docs/schemas (copied beside the test assembly under <c>schemas/</c>), built
/// once each, and validation of a message against one of them with formats asserted
/// (<c>date-time</c>, <c>uri-reference</c>), not only annotated.
/// </summary>
public static class SchemaCatalog
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        RequireFormatValidation = true,
    };

    /// <summary>The folder the schemas are copied to.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "schemas");

    /// <summary>Every schema file, as a path relative to docs/schemas with '/' separators.</summary>
    public static IReadOnlyList<string> Files { get; } = Directory.Exists(Folder)
        ? [.. Directory.GetFiles(Folder, "*.schema.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>A schema's text as a JSON tree.</summary>
    public static JsonObject Document(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file)))?.AsObject() ?? throw new InvalidDataException($"{file} is not a JSON object");

    /// <summary>The built schema (each with its own registry, so ids never clash between tests).</summary>
    public static JsonSchema Schema(string file) => Built.GetOrAdd(file, f =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, f)), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>What is wrong with <paramref name="instance"/> according to the schema; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string file, JsonElement instance)
    {
        var results = Schema(file).Evaluate(instance, Options);
        if (results.IsValid) return [];
        var problems = Flatten(results)
            .Where(r => r.Errors is { Count: > 0 })
            .SelectMany(r => r.Errors!.Select(e => $"{r.InstanceLocation} ({e.Key}): {e.Value}"))
            .Distinct()
            .ToList();
        return problems.Count > 0 ? problems : ["invalid (no error detail)"];
    }

    /// <summary>What is wrong with the JSON bytes according to the schema.</summary>
    public static IReadOnlyList<string> Problems(string file, byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return Problems(file, document.RootElement);
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        foreach (var detail in results.Details ?? [])
        {
            foreach (var nested in Flatten(detail)) yield return nested;
        }
    }
}
