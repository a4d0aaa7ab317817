using System.Collections.Frozen;
using System.Runtime.Serialization;
using System.Text.Json;

namespace ActorOrders.Contracts.Serialization;

/// <summary>
/// An explicit manifest ⇄ type table, the whole of what a serializer of ours knows. Reading only
/// ever goes through this table, never through a type name found in the bytes, so stored or
/// received data cannot choose the type it becomes. A manifest, once used, is never reassigned
/// to another shape: change a shape by adding "Name.v2" and an <see cref="Upcaster"/> from v1.
/// </summary>
public sealed class ManifestTable
{
    private readonly string _owner;

    /// <param name="owner">The serializer's name and id, for error messages.</param>
    /// <param name="entries">Every type the serializer writes; a type or manifest listed twice throws.</param>
    /// <param name="upcasters">Rewrites of retired manifests into current ones.</param>
    public ManifestTable(string owner, IReadOnlyList<ManifestEntry> entries, IEnumerable<Upcaster>? upcasters = null)
    {
        _owner = owner;
        Entries = entries;
        // ToFrozenDictionary throws on a duplicate key, so a manifest or type listed twice fails at start-up.
        ByType = entries.ToFrozenDictionary(e => e.Type);
        ByManifest = entries.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);
        Upcasters = (upcasters ?? []).ToFrozenDictionary(u => u.From, StringComparer.Ordinal);
    }

    /// <summary>The entries, in the order they were declared.</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary>Entries by the type they write.</summary>
    public FrozenDictionary<Type, ManifestEntry> ByType { get; }

    /// <summary>Entries by their (current) manifest.</summary>
    public FrozenDictionary<string, ManifestEntry> ByManifest { get; }

    /// <summary>The upcasters in force, keyed by the retired manifest they read.</summary>
    public FrozenDictionary<string, Upcaster> Upcasters { get; }

    /// <summary>The entry of a value's type; a <see cref="SerializationException"/> when it has none.</summary>
    public ManifestEntry EntryFor(object? value) =>
        value is not null && ByType.TryGetValue(value.GetType(), out var entry)
            ? entry
            : throw new SerializationException(
                $"{_owner} has no manifest for type '{value?.GetType().FullName ?? "null"}': add it to its manifest table.");

    /// <summary>Reads bytes written under <paramref name="manifest"/> (current or retired).</summary>
    public object Read(byte[] bytes, string manifest)
    {
        try
        {
            var (current, json) = Serialization.Upcasters.ToCurrent(manifest, bytes, Upcasters);
            if (!ByManifest.TryGetValue(current, out var entry))
            {
                throw new SerializationException(
                    $"Unknown manifest '{manifest}' for {_owner}: no type and no upcaster is registered for it.");
            }

            return entry.Read(json);
        }
        catch (JsonException e)
        {
            throw new SerializationException($"Cannot read a '{manifest}' document: {e.Message}", e);
        }
    }
}
