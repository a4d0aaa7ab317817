using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests.MultiNode;

/// <summary>
/// Orders placed over HTTP by a few concurrent clients, spread round-robin over the nodes that serve. A
/// placement that fails (a node killed or stopping under it, a 503) is placed again, same id, on another node
/// until one acknowledges it: placing is idempotent, so every order of the load ends up acknowledged once.
/// A mix of outcomes: 1 in 10 declined (Rejected), 1 in 10 out of stock (Cancelled after a refund), the rest Completed.
/// </summary>
public sealed class OrderLoad(ClusterRun run, int total, int concurrency, string prefix)
{
    private static readonly TimeSpan PlacementDeadline = TimeSpan.FromSeconds(90);
    private readonly ConcurrentDictionary<string, string> _acknowledged = new(StringComparer.Ordinal);
    private int _next = -1;
    private int _turn;
    private int _retries;

    /// <summary>Acknowledged orders and the status each must end in.</summary>
    public IReadOnlyDictionary<string, string> Acknowledged => _acknowledged;

    public int Retries => Volatile.Read(ref _retries);

    public TimeSpan Elapsed { get; private set; }

    public Task RunAsync() => Task.Run(async () =>
    {
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => WorkerAsync()));
        Elapsed = clock.Elapsed;
    });

    private async Task WorkerAsync()
    {
        for (var i = Interlocked.Increment(ref _next); i < total; i = Interlocked.Increment(ref _next))
        {
            var (id, body, expected) = Order(i);
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var serving = run.Serving.ToArray();
                if (serving.Length == 0) throw new InvalidOperationException("no node serves");
                var node = serving[(int)((uint)Interlocked.Increment(ref _turn) % serving.Length)];
                try
                {
                    using var response = await node.Process.Http.PlaceAsync(body);
                    if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    {
                        _acknowledged[id] = expected;
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                        throw new InvalidOperationException($"{node.Name} answered {(int)response.StatusCode} to {id}: {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // the node died or stops under this request: the same order again elsewhere
                }

                Interlocked.Increment(ref _retries);
                if (clock.Elapsed > PlacementDeadline) throw new TimeoutException($"{id} was not acknowledged by any node within {PlacementDeadline.TotalSeconds} s");
                await Task.Delay(50); // ok: a client's back-off before the next node, not a wait for a condition
            }
        }
    }

    private (string Id, System.Text.Json.Nodes.JsonObject Body, string Expected) Order(int i)
    {
        var id = $"{prefix}-{i:D5}-{Guid.NewGuid():N}";
        return (i % 10) switch
        {
            7 => (id, OrderApi.Body(id, customerId: "decline-dora"), "Rejected"),
            8 => (id, OrderApi.Body(id, sku: "OOS-LAMP"), "Cancelled"),
            _ => (id, OrderApi.Body(id, customerId: $"c-{i % 97}"), "Completed"),
        };
    }

    /// <summary>
    /// Waits until every acknowledged order is terminal in the read model, then checks each against its
    /// expected status and the participants' ledger; returns the problems (none, when all is well).
    /// </summary>
    public async Task<List<string>> VerifyAsync(TimeSpan deadline)
    {
        var statuses = await Eventually.Value(
            run.StatusesAsync,
            s => _acknowledged.Keys.All(id => s.TryGetValue(id, out var status) && OrderApi.TerminalStatuses.Contains(status)),
            deadline,
            $"all {_acknowledged.Count} acknowledged orders terminal in the read model");
        var ledger = await run.Participants.LedgerAsync();
        var problems = new List<string>();
        foreach (var (id, expected) in _acknowledged)
        {
            var status = statuses[id];
            if (status != expected) problems.Add($"{id}: ended {status}, expected {expected}");
            problems.AddRange(LedgerCheck.Problems(id, status, ledger.TryGetValue(id, out var row) ? row : null));
        }

        problems.AddRange(ledger.Values.Where(r => r.GetProperty("charges").GetInt32() > 1).Select(r => $"charged twice: {r.GetRawText()}"));
        return problems;
    }
}
