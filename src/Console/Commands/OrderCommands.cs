using System.ComponentModel;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary>The options of <c>orders show</c>.</summary>
public sealed class OrderIdSettings : AdminSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The order id")]
    public string OrderId { get; set; } = "";
}

/// <summary><c>orders show &lt;id&gt;</c>: state, current step, attempts, next deadline, history (with who acted).</summary>
public sealed class OrderShowCommand(Session session) : AdminCommand<OrderIdSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, OrderIdSettings settings, CancellationToken ct)
    {
        var order = await admin.GetAsync<OrderDetail>($"orders/{Uri.EscapeDataString(settings.OrderId)}", ct);
        return Print(settings, order, o =>
        {
            o.WriteLine($"order: {order.OrderId}");
            o.WriteLine($"status: {order.Status}");
            if (order.Reason is not null) o.WriteLine($"reason: {order.Reason}");
            o.WriteLine($"customer: {order.CustomerId}, total {order.Total} {order.Currency}");
            o.WriteLine($"placed: {Text.Time(order.PlacedAt)}, updated: {Text.Time(order.UpdatedAt)}, version {order.Version}");
            if (order.CurrentStep is { } step)
            {
                o.WriteLine($"step: {step.Action}, attempt {step.Attempt} of {step.MaxAttempts}{(step.LastFailure is null ? "" : $" (last failure: {step.LastFailure})")}");
                o.WriteLine($"next deadline: {Text.Time(step.Deadline)}");
            }
            else
            {
                o.WriteLine("step: none");
            }

            if (order.PendingCompensations.Count > 0) o.WriteLine($"pending compensations: {string.Join(", ", order.PendingCompensations)}");
            o.WriteLine("history:");
            foreach (var e in order.History) o.WriteLine($"  #{e.SequenceNr} {Text.Time(e.At)} {e.Type}{(e.By is null ? "" : $" by {e.By}")}");
        });
    }
}

/// <summary>The filters of <c>orders list</c> and of the bulk forms of retry and compensate.</summary>
public class OrderFilterSettings : AdminSettings
{
    [CommandOption("-s|--status <STATUS>")]
    [Description("Only these statuses (comma-separated), e.g. AttentionRequired")]
    public string? Status { get; set; }

    [CommandOption("--older-than <AGE>")]
    [Description("Only orders unchanged for this long: 90s, 5m, 2h, 1d (stuck sagas)")]
    public string? OlderThan { get; set; }

    [CommandOption("-n|--limit <N>")]
    [Description("Most orders (default 50 for list, 1000 for bulk actions)")]
    public int? Limit { get; set; }

    /// <inheritdoc />
    public override ValidationResult Validate() =>
        OlderThan is not null && !Durations.TryParse(OlderThan, out _) ? ValidationResult.Error($"--older-than must be a duration like 90s, 5m, 2h or 1d (was '{OlderThan}').")
        : Limit is < 1 ? ValidationResult.Error("--limit must be at least 1.")
        : ValidationResult.Success();

    /// <summary>The query string of GET /orders for these filters.</summary>
    internal string Query(int limit, string? cursor) =>
        string.Join("&", new[]
        {
            Status is null ? null : $"status={Uri.EscapeDataString(Status)}",
            OlderThan is null ? null : $"olderThan={Uri.EscapeDataString(OlderThan)}",
            $"limit={limit}",
            cursor is null ? null : $"cursor={Uri.EscapeDataString(cursor)}",
        }.Where(p => p is not null));
}

/// <summary><c>orders list [--status S] [--older-than 5m]</c>: orders from the read model, newest first, and why each is where it is.</summary>
public sealed class OrderListCommand(Session session) : AdminCommand<OrderFilterSettings>(session)
{
    protected override async Task<int> RunAsync(AdminClient admin, OrderFilterSettings settings, CancellationToken ct)
    {
        var orders = await OrderPages.CollectAsync(admin, settings, settings.Limit ?? 50, ct);
        var now = DateTimeOffset.UtcNow;
        return Print(settings, orders, o =>
        {
            foreach (var i in orders.Items)
                o.WriteLine($"{i.OrderId} | {i.Status} | unchanged {Text.Age(now - i.UpdatedAt)} | {i.CurrentStep ?? "-"}{(i.Attempts > 0 ? $" #{i.Attempts}" : "")} | {i.Why ?? "-"}");
            o.WriteLine(Text.Count(orders.Items.Count, "order", "orders") + (orders.Next is null ? "" : " (more: raise --limit)"));
        });
    }
}

/// <summary>Reads GET /orders page by page up to a limit.</summary>
internal static class OrderPages
{
    public static async Task<OrderList> CollectAsync(AdminClient admin, OrderFilterSettings filters, int limit, CancellationToken ct)
    {
        var items = new List<OrderListEntry>();
        string? cursor = null;
        do
        {
            var page = await admin.GetAsync<OrderList>("orders?" + filters.Query(Math.Min(500, limit - items.Count), cursor), ct);
            items.AddRange(page.Items);
            cursor = page.Next;
        }
        while (cursor is not null && items.Count < limit);

        return new OrderList(items, cursor);
    }
}
