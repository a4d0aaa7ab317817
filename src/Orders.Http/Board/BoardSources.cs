using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using ActorOrders.Contracts;

namespace ActorOrders.Http.Board;

/// <summary>Where the board gets the nodes' snapshots from.</summary>
public interface IBoardSource
{
    /// <summary>Asks every node; each answers or is listed as missing with the reason, within <paramref name="timeout"/>.</summary>
    Task<(IReadOnlyList<BoardAnswer> Answers, IReadOnlyList<BoardMissingNode> Missing)> GatherAsync(int seconds, TimeSpan timeout, CancellationToken ct);
}

/// <summary>
/// Asks the board actor (<see cref="OrderBoard.Path"/>) of every member of role <see cref="OrderBoard.Role"/> that is
/// up, in parallel. The same code serves a node (it is one of the members asked) and a gateway (a member of the
/// cluster too): the board is the cluster's wherever it is served.
/// </summary>
public sealed class ClusterBoardSource(IServiceProvider services) : IBoardSource
{
    public async Task<(IReadOnlyList<BoardAnswer> Answers, IReadOnlyList<BoardMissingNode> Missing)> GatherAsync(int seconds, TimeSpan timeout, CancellationToken ct)
    {
        var system = (ActorSystem?)services.GetService(typeof(ActorSystem));
        if (system is null) return ([], [new BoardMissingNode("(this process)", "The actor system has not started yet.")]);

        var state = Cluster.Get(system).State;
        var members = state.Members
            .Where(m => m.HasRole(OrderBoard.Role) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .ToList();
        if (members.Count == 0) return ([], [new BoardMissingNode("(cluster)", "No node of the cluster is up yet (or this process has not joined it).")]);

        var unreachable = state.Unreachable;
        var asks = members.Select(async m =>
        {
            var address = m.Address.ToString();
            if (unreachable.Contains(m)) return (Answer: (BoardAnswer?)null, Missing: new BoardMissingNode(address, "unreachable"));
            var clock = Stopwatch.StartNew();
            try
            {
                var snapshot = await system.ActorSelection(address + OrderBoard.Path).Ask<BoardNodeSnapshot>(new GetBoardSnapshot(seconds), timeout, ct);
                return (new BoardAnswer(snapshot, clock.Elapsed), null!);
            }
            catch (AskTimeoutException)
            {
                return (null, new BoardMissingNode(address, $"no answer within {timeout.TotalSeconds:0.#} s"));
            }
        }).ToList();

        var results = await Task.WhenAll(asks);
        return ([.. results.Where(r => r.Answer is not null).Select(r => r.Answer!)], [.. results.Where(r => r.Answer is null).Select(r => r.Missing)]);
    }
}

/// <summary>
/// The stuck orders from the order listing (the node's read model, or a node's through the gateway's query
/// client): every AttentionRequired order, and running ones unchanged for longer than <see cref="BoardOptions.StuckAfter"/>.
/// </summary>
public static class StuckOrders
{
    private static readonly OrderStatus[] Running =
        [OrderStatus.AwaitingPayment, OrderStatus.AwaitingInventory, OrderStatus.AwaitingShipment, OrderStatus.Compensating];

    public static async Task<BoardStuck> ListAsync(IOrderListing listing, BoardOptions options, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            var attention = await listing.ListAsync(new OrderListQuery([OrderStatus.AttentionRequired], null, null, options.StuckLimit, null), ct);
            var late = await listing.ListAsync(new OrderListQuery(Running, null, now - options.StuckAfter, options.StuckLimit, null), ct);
            var items = attention.Items.Concat(late.Items)
                .DistinctBy(i => i.OrderId, StringComparer.Ordinal)
                .OrderBy(i => i.UpdatedAt).ThenBy(i => i.OrderId, StringComparer.Ordinal)
                .Take(options.StuckLimit)
                .Select(i => new BoardStuckOrder(
                    i.OrderId, i.Status.ToString(), i.CustomerId, i.UpdatedAt, Math.Max(0, Math.Round((now - i.UpdatedAt).TotalSeconds, 1)),
                    i.CurrentStep?.ToString(), i.Attempts, OrderReasons.Why(i),
                    $"/orders/{Uri.EscapeDataString(i.OrderId)}/events", $"{BoardEndpoints.Path}/orders/{Uri.EscapeDataString(i.OrderId)}"))
                .ToList();
            var more = attention.Next is not null || late.Next is not null || attention.Items.Count + late.Items.Count > items.Count;
            return new BoardStuck(options.StuckAfter.TotalSeconds, items, more, null);
        }
        catch (Exception ex) when (ex is OrderServiceUnavailableException or NotSupportedException)
        {
            return new BoardStuck(options.StuckAfter.TotalSeconds, [], false, ex.Message);
        }
    }
}
