using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ActorOrders.Contracts.Serialization;

/// <summary>The JSON options every serializer of ours writes with, over a source-generated context.</summary>
public static class StoredJson
{
    /// <summary>Read-only options over <paramref name="context"/>, ready for <see cref="TypeInfo{T}"/>.</summary>
    public static JsonSerializerOptions Options(JsonSerializerContext context)
    {
        var options = new JsonSerializerOptions(context.Options)
        {
            TypeInfoResolver = context.WithAddedModifier(DropDerivedMembers),
            // The bytes go to a journal and over remoting, never into HTML: names and addresses
            // outside ASCII are stored as UTF-8, readable and shorter than \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The metadata of <typeparamref name="T"/> in <paramref name="options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    // OrderLine.Amount is computed from the other fields: writing it would put a value on the
    // wire that readers ignore and that could disagree with the fields it derives from.
    private static void DropDerivedMembers(JsonTypeInfo info)
    {
        if (info.Type != typeof(OrderLine)) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name == "amount") info.Properties.RemoveAt(i);
        }
    }
}
