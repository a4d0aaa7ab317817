using System.Text.Json;
using ActorOrders.Contracts;
using Microsoft.AspNetCore.Http;

namespace ActorOrders.Http;

/// <summary>Reads and parses a JSON body ourselves, so bad input becomes a 400 naming the field, never a 500.</summary>
internal static class RequestBody
{
    /// <summary>The parsed body, or the error result to return; <paramref name="optional"/> allows an empty body (null value).</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, int maxBytes, bool optional, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes) return (null, Problems.TooLarge(maxBytes));
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody && !request.HasJsonContentType()) return (null, Problems.UnsupportedMediaType(request.ContentType));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, Problems.TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
            return optional ? (null, null) : (null, Problems.Invalid("$", "A JSON object is required."));

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), OrderJson.Strict);
            return value is null && !optional ? (null, Problems.Invalid("$", "A JSON object is required.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.Invalid([Describe(ex)]));
        }
    }

    // System.Text.Json names the unmapped property in its message ("The JSON property 'x' could not be mapped…").
    private static string? UnknownProperty(string message)
    {
        const string prefix = "The JSON property '";
        if (!message.StartsWith(prefix, StringComparison.Ordinal) || !message.Contains("could not be mapped", StringComparison.Ordinal)) return null;
        var end = message.IndexOf("' could not be mapped", prefix.Length, StringComparison.Ordinal);
        return end > prefix.Length ? message[prefix.Length..end] : null;
    }

    private static FieldError Describe(JsonException ex)
    {
        var field = ex.Path is null or "$" ? "$" : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path;
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        if (UnknownProperty(ex.Message) is { } unknown)
        {
            // The path names the property already, or (at the top) only its parent.
            var named = field == unknown || field.EndsWith("." + unknown, StringComparison.Ordinal) ? field : field is "$" ? unknown : $"{field}.{unknown}";
            return new FieldError(named, $"is not a property of this request{where}.");
        }
        var what = ex.Message.Contains("could not be converted", StringComparison.Ordinal) ? "has the wrong JSON type"
            : ex.Message.Contains("maximum configured depth", StringComparison.Ordinal) ? $"is nested deeper than {OrderJson.MaxDepth} levels"
            : ex.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) ? "is given more than once"
            : "is not valid JSON";
        return new FieldError(field, $"{what}{where}.");
    }
}
