using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ActorOrders.Contracts;
using Microsoft.AspNetCore.Http;

namespace ActorOrders.Http;

/// <summary>Answer of GET /orders: a page of the read model and the cursor of the next page (null on the last).</summary>
public sealed record OrderListResponse(IReadOnlyList<OrderListItem> Items, string? Next);

/// <summary>
/// GET /orders: parses and checks the query string (every problem named by its parameter), asks the
/// listing, and turns the position of the next page into an opaque cursor.
/// </summary>
internal static class ListHandler
{
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "status", "customerId", "updatedBefore", "limit", "cursor" };

    public static async Task<IResult> HandleAsync(HttpContext ctx, IOrderListing listing)
    {
        var (query, errors) = Parse(ctx.Request.Query);
        if (errors.Count > 0) return Problems.Invalid(errors);
        // A caller bound to a customer lists that customer's orders only.
        if (Security.Caller.Of(ctx).CustomerId is { } own)
        {
            if (query!.CustomerId is { } asked && asked != own) return Problems.Forbidden($"This client lists the orders of customer '{own}' only.");
            query = query with { CustomerId = own };
        }

        return await OrderEndpoints.Guard(ctx, async ct =>
        {
            var page = await listing.ListAsync(query!, ct);
            return Results.Json(new OrderListResponse(page.Items, page.Next is { } next ? Cursor.Encode(next) : null), OrderJson.Options);
        });
    }

    internal static (OrderListQuery? Query, List<FieldError> Errors) Parse(IQueryCollection q)
    {
        var errors = new List<FieldError>();
        foreach (var key in q.Keys.Where(k => !Known.Contains(k)))
            errors.Add(new(key, $"is not a parameter of this listing (use {string.Join(", ", Known)})."));
        foreach (var key in q.Keys.Where(k => Known.Contains(k) && q[k].Count > 1))
            errors.Add(new(key, "must be given once."));

        var statuses = new List<OrderStatus>();
        if (q["status"].ToString() is { Length: > 0 } rawStatuses)
        {
            foreach (var name in rawStatuses.Split(',', StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<OrderStatus>(name, ignoreCase: false, out var status) && Enum.IsDefined(status) && !int.TryParse(name, out _))
                    statuses.Add(status);
                else
                    errors.Add(new("status", $"'{name}' is not a status (one or more of {string.Join(", ", Enum.GetNames<OrderStatus>())}, comma-separated)."));
            }
        }

        string? customerId = null;
        if (q.ContainsKey("customerId"))
        {
            customerId = q["customerId"].ToString();
            if (string.IsNullOrWhiteSpace(customerId)) errors.Add(new("customerId", "must not be empty."));
            else if (customerId.Length > 128) errors.Add(new("customerId", "must be at most 128 characters."));
        }

        DateTimeOffset? updatedBefore = null;
        if (q.ContainsKey("updatedBefore"))
        {
            if (DateTimeOffset.TryParse(q["updatedBefore"].ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                updatedBefore = t;
            else
                errors.Add(new("updatedBefore", "must be an ISO 8601 date and time, e.g. 2026-12-01T10:00:00Z."));
        }

        var limit = OrderListQuery.DefaultLimit;
        if (q.ContainsKey("limit"))
        {
            if (!int.TryParse(q["limit"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > OrderListQuery.MaxLimit)
                errors.Add(new("limit", $"must be a whole number from 1 to {OrderListQuery.MaxLimit}."));
        }

        OrderListPosition? after = null;
        if (q.ContainsKey("cursor"))
        {
            after = Cursor.Decode(q["cursor"].ToString());
            if (after is null) errors.Add(new("cursor", "is not a cursor of this listing (pass the 'next' value of the previous page as it is)."));
        }

        return errors.Count > 0 ? (null, errors) : (new OrderListQuery(statuses, customerId, updatedBefore, limit, after), errors);
    }
}

/// <summary>The opaque cursor of the listing: the (placedAt, orderId) of the last item of a page, base64url.</summary>
internal static class Cursor
{
    private const string Version = "v1";

    public static string Encode(OrderListPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"{Version}:{position.PlacedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{position.OrderId}"));

    public static OrderListPosition? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 512) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split(':', 3);
            if (parts.Length != 3 || parts[0] != Version) return null;
            if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
            var errors = new List<FieldError>();
            PlaceOrderValidator.Id(errors, "cursor", parts[2]);
            return errors.Count == 0 ? new OrderListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
