using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrders.Gateway.Tests.Support;

/// <summary>Order bodies and the HTTP calls the tests make.</summary>
public static class OrderApi
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];

    /// <summary>A valid order body (with <paramref name="orderId"/> unless null).</summary>
    public static JsonObject Body(string? orderId = null, string customerId = "alice") => new()
    {
        ["orderId"] = orderId,
        ["customerId"] = customerId,
        ["currency"] = "USD",
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = "BOOK-1", ["quantity"] = 2, ["unitPrice"] = 12.50m }),
        ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "12345", ["country"] = "US" },
    };

    public static JsonObject WithoutId(this JsonObject body)
    {
        body.Remove("orderId");
        return body;
    }

    public static HttpRequestMessage Post(string path, string json, string? key = null, string? apiKey = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return request;
    }

    public static HttpRequestMessage Get(string path, string? apiKey = null, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>Asserts an application/problem+json answer with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The order's status once it is terminal (Completed, Rejected, Cancelled, AttentionRequired).</summary>
    public static Task<string> TerminalStatusAsync(HttpClient http, string orderId, string? apiKey = null) =>
        Eventually.Value(
            async () =>
            {
                using var response = await http.SendAsync(Get($"/orders/{orderId}", apiKey));
                return response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("status").GetString()! : response.StatusCode.ToString();
            },
            s => s is "Completed" or "Rejected" or "Cancelled" or "AttentionRequired",
            TimeSpan.FromSeconds(20),
            $"order {orderId} finishes");

    /// <summary>The SHA-256 hex of an API key, as configured.</summary>
    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>An HS256 JWT (what an issuer would hand a client).</summary>
    public static string Jwt(string issuer, string audience, string signingKey, string subject, string? customerId = null, TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime ?? TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
        };
        if (customerId is not null) payload["customer_id"] = customerId;
        var head = B64("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var body = B64(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.ASCII.GetBytes($"{head}.{body}")));
        return $"{head}.{body}.{signature}";
    }

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
