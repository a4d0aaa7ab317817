using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorOrders.Http;

/// <summary>The JSON shapes of the order API: camelCase names, enums as their names.</summary>
public static class OrderJson
{
    /// <summary>Options for responses (and for the events' data).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Deepest nesting a request body may have; ours need 3 (order, lines, line).</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// Options for request bodies: numbers must be JSON numbers, not strings; a property the request
    /// type does not have ($type included) or one given twice is an error, not silently dropped; nesting is bounded.
    /// </summary>
    internal static readonly JsonSerializerOptions Strict = new(Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        MaxDepth = MaxDepth,
    };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
