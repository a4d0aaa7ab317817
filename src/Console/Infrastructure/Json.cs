using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorOrders.Cli.Infrastructure;

/// <summary>The JSON of the admin API and of <c>--json</c>: camelCase, enums as names; printed indented.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Create(indented: false);

    public static readonly JsonSerializerOptions Printed = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = indented };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
