using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorOrders.Domain.Serialization;

/// <summary>One row of the manifest table: a CLR type, its manifest, and how its bytes are written and read.</summary>
internal abstract class ManifestEntry(string manifest, Type type)
{
    public string Manifest { get; } = manifest;

    public Type Type { get; } = type;

    public abstract byte[] Write(object value);

    public abstract object Read(byte[] bytes);
}

/// <summary>A type stored as itself.</summary>
internal sealed class JsonEntry<T>(string manifest, JsonTypeInfo<T> info) : ManifestEntry(manifest, typeof(T))
    where T : class
{
    public override byte[] Write(object value) => JsonSerializer.SerializeToUtf8Bytes((T)value, info);

    public override object Read(byte[] bytes) =>
        JsonSerializer.Deserialize(bytes, info) ?? throw new JsonException("The document is null.");
}

/// <summary>A type stored through a separate stored shape (a DTO), mapped both ways.</summary>
internal sealed class MappedEntry<T, TStored>(
    string manifest,
    JsonTypeInfo<TStored> info,
    Func<T, TStored> toStored,
    Func<TStored, T> fromStored) : ManifestEntry(manifest, typeof(T))
    where T : class
    where TStored : class
{
    public override byte[] Write(object value) => JsonSerializer.SerializeToUtf8Bytes(toStored((T)value), info);

    public override object Read(byte[] bytes) =>
        fromStored(JsonSerializer.Deserialize(bytes, info) ?? throw new JsonException("The document is null."));
}
