using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorOrders.Contracts.Serialization;

/// <summary>One row of a <see cref="ManifestTable"/>: a CLR type, its manifest, and how its bytes are written and read.</summary>
public abstract class ManifestEntry(string manifest, Type type)
{
    /// <summary>The stable, versioned manifest, e.g. "OrderPlaced.v1".</summary>
    public string Manifest { get; } = manifest;

    /// <summary>The type written and read under <see cref="Manifest"/>.</summary>
    public Type Type { get; } = type;

    /// <summary>The bytes of <paramref name="value"/>, which is a <see cref="Type"/>.</summary>
    public abstract byte[] Write(object value);

    /// <summary>The value the bytes hold.</summary>
    public abstract object Read(byte[] bytes);
}

/// <summary>A type stored as itself, with source-generated JSON metadata.</summary>
public sealed class JsonEntry<T>(string manifest, JsonTypeInfo<T> info) : ManifestEntry(manifest, typeof(T))
    where T : class
{
    /// <inheritdoc />
    public override byte[] Write(object value) => JsonSerializer.SerializeToUtf8Bytes((T)value, info);

    /// <inheritdoc />
    public override object Read(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, info) ?? throw new JsonException("The document is null.");
}

/// <summary>A type stored through a separate stored shape (a DTO), mapped both ways.</summary>
public sealed class MappedEntry<T, TStored>(
    string manifest,
    JsonTypeInfo<TStored> info,
    Func<T, TStored> toStored,
    Func<TStored, T> fromStored) : ManifestEntry(manifest, typeof(T))
    where T : class
    where TStored : class
{
    /// <inheritdoc />
    public override byte[] Write(object value) => JsonSerializer.SerializeToUtf8Bytes(toStored((T)value), info);

    /// <inheritdoc />
    public override object Read(byte[] bytes) =>
        fromStored(JsonSerializer.Deserialize(bytes, info) ?? throw new JsonException("The document is null."));
}
