using System.Globalization;
using System.Text;
using Akka.Actor;
using ActorOrders.Contracts;
using ActorOrders.Contracts.Admin;
using ActorOrders.Domain.Messages;
using ActorOrders.Http;

namespace ActorOrders.Node.Admin;

/// <summary>
/// The saga palette: <c>GET /orders/{id}</c> (show), <c>GET /orders</c> (list, stuck sagas),
/// <c>POST /orders/{id}/retry</c> and <c>POST /orders/{id}/compensate</c>, which the order records
/// with who asked.
/// </summary>
internal static class OrderRoutes
{
    public static RouteGroupBuilder MapOrderRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{id}", async (AdminContext a, string id, CancellationToken ct) =>
        {
            IReadOnlyList<StoredOrderEvent>? events;
            try
            {
                events = await a.Events.ReadAsync(id, ct);
            }
            catch (NotSupportedException ex)
            {
                return AdminResults.Problem(StatusCodes.Status501NotImplemented, "not-configured", ex.Message);
            }
            catch (OrderServiceUnavailableException ex)
            {
                return AdminResults.Unavailable(ex.Message);
            }

            return events is null ? AdminResults.NotFound($"Order {id} does not exist.") : Results.Ok(OrderInspection.Detail(events, a.Settings, a.Clock.GetUtcNow()));
        });

        api.MapGet("/orders", ListAsync);

        api.MapPost("/orders/{id}/retry", (AdminContext a, HttpContext http, string id, CancellationToken ct) =>
            ActAsync(a, http, "retry", new ManualRetry(id, AdminContext.By(http)), ct));

        api.MapPost("/orders/{id}/compensate", async (AdminContext a, HttpContext http, string id, CancellationToken ct) =>
        {
            var (body, bad) = await AdminBodies.ReadAsync<CompensateRequest>(http);
            return bad ?? await ActAsync(a, http, "compensate", new ForceCompensation(id, body?.Reason?.Trim() ?? "", AdminContext.By(http)), ct);
        });
        return api;
    }

    private static async Task<IResult> ListAsync(AdminContext a, string? status, string? olderThan, int? limit, string? cursor, CancellationToken ct)
    {
        if (a.ReadModel is not { } readModel) return AdminResults.Unavailable("The read side is off on this node (ActorOrders:Projections:Enabled = false or an in-memory journal): there is no order listing.");
        var statuses = new List<OrderStatus>();
        foreach (var name in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrderStatus>(name, ignoreCase: true, out var s) || int.TryParse(name, out _))
                return AdminResults.BadRequest($"status must be one or more of {string.Join(", ", Enum.GetNames<OrderStatus>())} (was '{name}').");
            statuses.Add(s);
        }

        DateTimeOffset? before = null;
        if (olderThan is not null)
        {
            if (!Durations.TryParse(olderThan, out var age)) return AdminResults.BadRequest($"olderThan must be a duration like 90s, 5m, 2h or 1d (was '{olderThan}').");
            before = a.Clock.GetUtcNow() - age;
        }

        var size = limit ?? OrderListQuery.DefaultLimit;
        if (size is < 1 or > OrderListQuery.MaxLimit) return AdminResults.BadRequest($"limit must be between 1 and {OrderListQuery.MaxLimit} (was {size}).");
        OrderListPosition? after = null;
        if (cursor is not null && (after = Cursor.Read(cursor)) is null) return AdminResults.BadRequest("cursor is not one this API returned.");

        var page = await readModel.ListAsync(new OrderListQuery(statuses, null, before, size, after), ct);
        var items = page.Items.Select(i => new OrderListEntry(
            i.OrderId, i.Status.ToString(), i.CustomerId, i.Total, i.Currency, i.PlacedAt, i.UpdatedAt, i.CurrentStep?.ToString(), i.Attempts, OrderReasons.Why(i)));
        return Results.Ok(new OrderList([.. items], page.Next is { } next ? Cursor.Write(next) : null));
    }

    private static async Task<IResult> ActAsync(AdminContext a, HttpContext http, string action, IWithOrderId command, CancellationToken ct)
    {
        a.Record(http, $"order {action}", command.OrderId);
        object reply;
        try
        {
            reply = await a.Orders.Ask<object>(command, a.AskTimeout, ct);
        }
        catch (AskTimeoutException)
        {
            return AdminResults.Unavailable($"Order {command.OrderId} did not answer within {a.AskTimeout.TotalSeconds:0.#} s; it may still act on the {action}.");
        }

        return reply switch
        {
            OrderAccepted ok => Results.Ok(new OrderActionResult(ok.OrderId, action, ok.Status.ToString(), AdminContext.By(http))),
            OrderCommandRejected { Code: RejectionCode.NotFound } no => AdminResults.NotFound(no.Message),
            OrderCommandRejected no => AdminResults.Problem(StatusCodes.Status409Conflict, no.Code == RejectionCode.TooLate ? "too-late" : "invalid-state", no.Message),
            _ => AdminResults.Unavailable($"Order {command.OrderId} answered {reply.GetType().Name}."),
        };
    }

    // Opaque to the console: the position after which the next page starts.
    private static class Cursor
    {
        public static string Write(OrderListPosition p) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{p.PlacedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{p.OrderId}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static OrderListPosition? Read(string cursor)
        {
            try
            {
                var padded = cursor.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - padded.Length % 4) % 4);
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
                var bar = text.IndexOf('|', StringComparison.Ordinal);
                return bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                    ? new OrderListPosition(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                    : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
