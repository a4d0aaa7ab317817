using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorOrders.Node.Tests.Support;

/// <summary>Test-data builder and HTTP helpers for the order API.</summary>
public static class OrderApi
{
    public static readonly string[] TerminalStatuses = ["Completed", "Rejected", "Cancelled", "AttentionRequired"];

    /// <summary>A valid order body; tweak the returned JSON for test values or invalid input.</summary>
    public static JsonObject Body(string? orderId = null, string customerId = "alice", string sku = "BOOK-1", string country = "US") => new()
    {
        ["orderId"] = orderId,
        ["customerId"] = customerId,
        ["currency"] = "USD",
        ["lines"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = 2, ["unitPrice"] = 12.50m }),
        ["shippingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "12345", ["country"] = country },
    };

    public static string NewId(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}";

    public static Task<HttpResponseMessage> PlaceAsync(this HttpClient http, JsonNode body) =>
        http.PostAsync("/orders", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string path, string body) =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>Places an order and checks it was created.</summary>
    public static async Task<string> PlaceNewAsync(this HttpClient http, JsonObject body)
    {
        using var response = await http.PlaceAsync(body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("orderId").GetString()!;
    }

    public static async Task<JsonElement> GetOrderAsync(this HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/orders/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>Polls GET /orders/{id} until the order is in a terminal status.</summary>
    public static Task<JsonElement> WaitForTerminalAsync(this HttpClient http, string id, TimeSpan? deadline = null) =>
        Eventually.Value(
            () => http.GetOrderAsync(id),
            o => TerminalStatuses.Contains(o.GetProperty("status").GetString()),
            deadline ?? TimeSpan.FromSeconds(30),
            $"order {id} is terminal");

    /// <summary>Event types after which an order does nothing more by itself (AttentionRequired waits for a retry).</summary>
    public static readonly string[] TerminalEvents = ["OrderCompleted", "OrderRejected", "OrderCancelled", "CompensationStalled"];

    /// <summary>
    /// The type of the order's last stored event, or null when nothing is stored for the id. Reads the journal
    /// only (GET /orders/{id}/events): it sends nothing to the order, so it cannot wake or resume it.
    /// </summary>
    public static async Task<string?> LastEventTypeAsync(this HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/orders/{id}/events");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) return null;
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var events = await response.JsonAsync();
        return events.GetArrayLength() == 0 ? null : events[events.GetArrayLength() - 1].GetProperty("type").GetString();
    }

    public static async Task<JsonElement[]> EventsAsync(this HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/orders/{id}/events");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    /// <summary>The simulators' ledger row of one order, through the node's ledger endpoint.</summary>
    public static async Task<JsonElement> LedgerAsync(this HttpClient http, string id)
    {
        using var response = await http.GetAsync($"/participants/ledger?orderId={id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var orders = (await response.JsonAsync()).GetProperty("orders");
        orders.GetArrayLength().ShouldBe(1, $"one ledger row for {id}");
        return orders[0];
    }

    public static string Status(this JsonElement order) => order.GetProperty("status").GetString()!;
}
