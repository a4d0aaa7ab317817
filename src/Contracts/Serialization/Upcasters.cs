using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrders.Contracts.Serialization;

/// <summary>Rewrites the JSON of a retired manifest into the JSON of the next version.</summary>
/// <param name="From">The retired manifest, e.g. "OrderPlaced.v1". It must no longer be in the <see cref="ManifestTable"/>.</param>
/// <param name="To">The next manifest, e.g. "OrderPlaced.v2": a current manifest, or the From of another upcaster.</param>
/// <param name="Rewrite">Turns a From document into a To document (add a default, rename, split a field…).</param>
public sealed record Upcaster(string From, string To, Func<JsonObject, JsonObject> Rewrite);

/// <summary>
/// Upcasting of stored documents written under retired manifests. Events are stored forever,
/// so when an event's shape must change the old bytes are rewritten on read, never migrated in place.
/// </summary>
/// <example>
/// Suppose OrderPlaced gains a required <c>Channel</c> field. Then:
/// <list type="number">
/// <item>add the field to the record (events keep primitive fields only);</item>
/// <item>in the event's manifest table (<c>OrderManifests</c> in Domain.Actors), change <c>Json&lt;OrderPlaced&gt;("OrderPlaced.v1")</c> to
/// <c>Json&lt;OrderPlaced&gt;("OrderPlaced.v2")</c> — new events are written as v2;</item>
/// <item>register the upcaster with that table, so every v1 document already stored reads as v2:
/// <code>
/// new Upcaster("OrderPlaced.v1", "OrderPlaced.v2", json =>
/// {
///     json["channel"] = "unknown";
///     return json;
/// }),
/// </code></item>
/// <item>keep the fixture <c>OrderPlaced.v1.json</c> (the test suite reads every fixture,
/// retired ones through their upcasters) and generate <c>OrderPlaced.v2.json</c>.</item>
/// </list>
/// Until the whole cluster runs the new version, a node still on the old version cannot read
/// v2: roll out the reader first (v2 known, still writing v1) when that matters.
/// </example>
public static class Upcasters
{
    /// <summary>
    /// Follows the chain of upcasters from <paramref name="manifest"/> until it reaches a manifest
    /// with no upcaster. Bytes under a manifest with no upcaster are returned untouched.
    /// </summary>
    public static (string Manifest, byte[] Bytes) ToCurrent(
        string manifest, byte[] bytes, IReadOnlyDictionary<string, Upcaster> upcasters)
    {
        if (!upcasters.ContainsKey(manifest)) return (manifest, bytes);

        var json = JsonNode.Parse(bytes) as JsonObject
            ?? throw new SerializationException($"A '{manifest}' document is not a JSON object.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (upcasters.TryGetValue(manifest, out var upcaster))
        {
            if (!seen.Add(manifest)) throw new SerializationException($"The upcasters of '{manifest}' form a loop.");
            json = upcaster.Rewrite(json);
            manifest = upcaster.To;
        }

        return (manifest, Encoding.UTF8.GetBytes(json.ToJsonString()));
    }
}
