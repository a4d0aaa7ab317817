using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorOrders.Http;

/// <summary>The JSON shapes of the order API: camelCase names, enums as their names.</summary>
public static class OrderJson
{
    /// <summary>Options for responses (and for the events' data).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    /// <summary>Options for request bodies: numbers must be JSON numbers, not strings.</summary>
    internal static readonly JsonSerializerOptions Strict = new(Options) { NumberHandling = JsonNumberHandling.Strict };

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
