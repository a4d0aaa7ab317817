using System.ComponentModel;
using ActorOrders.Cli.Infrastructure;
using ActorOrders.Contracts.Admin;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorOrders.Cli.Commands;

/// <summary>The options of <c>orders retry</c> and <c>orders compensate</c>: one id, or the filters of a bulk action.</summary>
public class OrderActionSettings : OrderFilterSettings
{
    [CommandArgument(0, "[ID]")]
    [Description("The order id; omit it and give --status / --older-than for the bulk form")]
    public string? OrderId { get; set; }

    [CommandOption("--dry-run")]
    [Description("Bulk form: print what would be done and do nothing")]
    public bool DryRun { get; set; }

    [CommandOption("-y|--yes")]
    [Description("Bulk form: do it without asking")]
    public bool Yes { get; set; }

    /// <summary>True for the bulk form.</summary>
    internal bool Bulk => OrderId is null;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        var filters = base.Validate();
        if (!filters.Successful) return filters;
        if (OrderId is not null && (Status is not null || OlderThan is not null || Limit is not null))
            return ValidationResult.Error("Give an order id or the filters (--status, --older-than, --limit) of the bulk form, not both.");
        if (OrderId is null && Status is null && OlderThan is null)
            return ValidationResult.Error("Give an order id, or --status and/or --older-than for the bulk form.");
        if (OrderId is not null && DryRun) return ValidationResult.Error("--dry-run applies to the bulk form only.");
        return ValidationResult.Success();
    }
}

/// <summary>The options of <c>orders compensate</c>.</summary>
public sealed class CompensateSettings : OrderActionSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why; it becomes the order's reason (default: compensation forced by you)")]
    public string? Reason { get; set; }
}

/// <summary>
/// What <c>--json</c> prints for a bulk action: the orders it matched, and what each did
/// (<paramref name="Results"/> is empty for a dry run and when not confirmed).
/// </summary>
public sealed record BulkActionReport(string Action, bool DryRun, bool Confirmed, IReadOnlyList<OrderListEntry> Matched, IReadOnlyList<BulkActionOutcome> Results);

/// <summary>What one order of a bulk action did: its status after, or why it refused.</summary>
public sealed record BulkActionOutcome(string OrderId, bool Ok, string? Status, string? Error);

/// <summary>
/// <c>orders retry|compensate &lt;id&gt;</c>, and their bulk forms over the read model's filters
/// (<c>--status</c>, <c>--older-than</c>) with <c>--dry-run</c> and a confirmation unless <c>--yes</c>.
/// The orders confirmed are exactly the ones listed: the ids are sent one by one.
/// </summary>
public abstract class OrderActionCommand<T>(Session session, string action, string verbPast, string? defaultStatus) : AdminCommand<T>(session)
    where T : OrderActionSettings
{
    protected abstract object? Body(T settings);

    protected override async Task<int> RunAsync(AdminClient admin, T settings, CancellationToken ct)
    {
        if (!settings.Bulk)
        {
            var result = await admin.PostAsync<OrderActionResult>(PathOf(settings.OrderId!), Body(settings), ct);
            return Print(settings, result, o => o.WriteLine($"{result.OrderId}: {action} accepted, now {result.Status} (recorded as {result.By})"));
        }

        if (settings.Status is null && defaultStatus is not null) settings.Status = defaultStatus;
        var matched = (await OrderPages.CollectAsync(admin, settings, settings.Limit ?? 1000, ct)).Items;
        if (!settings.Json)
        {
            Session.Out.WriteLine($"{(settings.DryRun ? "would " : "")}{action} {Text.Count(matched.Count, "order", "orders")}:");
            foreach (var i in matched) Session.Out.WriteLine($"  {i.OrderId} | {i.Status} | {i.Why ?? "-"}");
        }

        if (settings.DryRun || matched.Count == 0)
            return Report(settings, new BulkActionReport(action, settings.DryRun, Confirmed: false, matched, []), ExitCodes.Ok);

        if (!settings.Yes && !Confirm($"{action} these {Text.Count(matched.Count, "order", "orders")}? [y/N] "))
        {
            Session.Err.WriteLine("Not confirmed: nothing was done.");
            return Report(settings, new BulkActionReport(action, DryRun: false, Confirmed: false, matched, []), ExitCodes.Failed);
        }

        var outcomes = new List<BulkActionOutcome>();
        foreach (var order in matched)
        {
            try
            {
                var result = await admin.PostAsync<OrderActionResult>(PathOf(order.OrderId), Body(settings), ct);
                outcomes.Add(new BulkActionOutcome(order.OrderId, true, result.Status, null));
                if (!settings.Json) Session.Out.WriteLine($"{order.OrderId}: {verbPast}, now {result.Status}");
            }
            catch (ConsoleFailure f) when (f.ExitCode == ExitCodes.Failed)
            {
                outcomes.Add(new BulkActionOutcome(order.OrderId, false, null, f.Message));
                if (!settings.Json) Session.Out.WriteLine($"{order.OrderId}: refused: {f.Message}");
            }
        }

        var failed = outcomes.Count(r => !r.Ok);
        if (!settings.Json) Session.Out.WriteLine($"{verbPast} {outcomes.Count - failed} of {Text.Count(outcomes.Count, "order", "orders")}{(failed > 0 ? $", {failed} refused" : "")}");
        return Report(settings, new BulkActionReport(action, false, true, matched, outcomes), failed > 0 ? ExitCodes.Failed : ExitCodes.Ok);
    }

    private string PathOf(string orderId) => $"orders/{Uri.EscapeDataString(orderId)}/{action}";

    private int Report(T settings, BulkActionReport report, int exitCode)
    {
        if (settings.Json) Print(settings, report, _ => { });
        return exitCode;
    }

    // The prompt goes to stderr, so that stdout stays the command's output (JSON included).
    private bool Confirm(string prompt)
    {
        Session.Err.Write(prompt);
        Session.Err.Flush();
        var answer = Session.In.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary><c>orders retry &lt;id&gt;</c> re-drives an AttentionRequired order now; the bulk form defaults to --status AttentionRequired.</summary>
public sealed class OrderRetryCommand(Session session) : OrderActionCommand<OrderActionSettings>(session, "retry", "retried", "AttentionRequired")
{
    protected override object? Body(OrderActionSettings settings) => null;
}

/// <summary><c>orders compensate &lt;id&gt;</c> forces the compensation of an order not yet shipped (it ends Cancelled); refused after shipment.</summary>
public sealed class OrderCompensateCommand(Session session) : OrderActionCommand<CompensateSettings>(session, "compensate", "compensating", null)
{
    protected override object? Body(CompensateSettings settings) => new CompensateRequest(settings.Reason);
}
