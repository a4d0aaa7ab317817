using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ActorOrders.Node.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests;

/// <summary>Tests that run real node and participants host processes; alone, so other tests do not steal their CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "processes";
}

/// <summary>
/// The node process is SIGKILLed in the middle of sagas while the participants host (another process, a
/// member of the same cluster) lives on. A new node process on the same SQLite file resumes every
/// acknowledged order by itself, and the participants' ledger agrees with how each one ended. Everything is
/// observed from outside: HTTP and the ledger, never how the node resumes its orders.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Acknowledged_orders_in_flight_at_a_SIGKILL_finish_on_a_new_node_without_any_message_consistent_with_the_ledger()
    {
        await using var scenario = new ProcessScenario(output);
        await scenario.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            // Each reply takes 0.4-0.8 s, so a saga needs ~2 s: the kill lands while they are in flight.
            var participants = scenario.StartParticipants(new Dictionary<string, string?>
            {
                ["ActorOrders:Participants:MinLatency"] = "00:00:00.400",
                ["ActorOrders:Participants:MaxLatency"] = "00:00:00.800",
            });
            await participants.WaitLiveAsync();
            var nodeSettings = new Dictionary<string, string?> { ["ActorOrders:Saga:Steps:Timeout"] = Duration(StepTimeout) };
            var first = scenario.StartNode(nodeSettings);
            await first.WaitReadyAsync();
            await participants.WaitReadyAsync();
            await WarmUpAsync(first);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: both processes ready, participants reachable from the node");

            // A batch of every outcome, all acknowledged...
            var kinds = new[] { "plain", "plain", "plain", "plain", "plain", "plain", "plain", "plain", "plain", "plain", "declined", "declined", "oos", "oos", "zz", "zz" };
            var batch = kinds.Select((kind, i) => (Id: OrderApi.NewId($"crash-{kind}-{i}"), Kind: kind)).ToArray();
            await Task.WhenAll(batch.Select(o => first.Http.PlaceNewAsync(Body(o.Id, o.Kind))));

            // ...then plain orders one after another until the kill: the last acknowledged ones were placed just before it.
            var lateAcknowledged = new ConcurrentQueue<string>();
            var lateUnknown = new ConcurrentQueue<string>();
            var late = PlaceUntilFailureAsync(first.Http, lateAcknowledged, lateUnknown);
            await Eventually.Until(() => Task.FromResult(lateAcknowledged.Count >= 5), TimeSpan.FromSeconds(20), "orders placed while the node runs");
            first.Kill();
            await late;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: node killed with {batch.Length} + {lateAcknowledged.Count} acknowledged orders, {lateUnknown.Count} unanswered");

            var acknowledged = batch.Concat(lateAcknowledged.Select(id => (Id: id, Kind: "plain"))).ToArray();
            var atKill = await participants.LedgerAsync();
            var unfinished = acknowledged.Count(o => !atKill.TryGetValue(o.Id, out var row) || !row.GetProperty("shipped").GetBoolean());
            unfinished.ShouldBeGreaterThan(acknowledged.Length / 2, "most sagas must still be in flight when the node dies, or this test proves nothing");

            var second = scenario.StartNode(nodeSettings);
            await second.WaitReadyAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: new node ready on the same file");

            // Only the journal (GET /orders/{id}/events) and the ledger are read until every order is done:
            // nothing is sent to the orders, so whatever resumes them is the node's own doing.
            var pending = acknowledged.Select(o => o.Id).Concat(lateUnknown).ToHashSet();
            var lastEvents = new Dictionary<string, string?>();
            await Eventually.Until(async () =>
            {
                foreach (var id in pending.ToArray())
                {
                    var last = await second.Http.LastEventTypeAsync(id);
                    lastEvents[id] = last;
                    if (OrderApi.TerminalEvents.Contains(last) || (last is null && lateUnknown.Contains(id))) pending.Remove(id);
                }

                return pending.Count == 0;
            }, TimeSpan.FromSeconds(60), "every acknowledged order reached a terminal event after the restart");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every order finished");

            var ledger = await participants.LedgerAsync();
            var problems = new List<string>();
            foreach (var (id, kind) in acknowledged)
            {
                var status = (await second.Http.GetOrderAsync(id)).Status();
                if (status != Expected(kind)) problems.Add($"{id}: {kind} ended {status}, expected {Expected(kind)}");
                problems.AddRange(LedgerCheck.Problems(id, status, ledger.TryGetValue(id, out var row) ? row : null));
            }

            // An unanswered placement may or may not have been stored; if it was, it finished like the others.
            foreach (var id in lateUnknown.Where(id => lastEvents[id] is not null))
            {
                var status = (await second.Http.GetOrderAsync(id)).Status();
                if (status != "Completed") problems.Add($"{id}: unanswered placement that was stored ended {status}");
                problems.AddRange(LedgerCheck.Problems(id, status, ledger.TryGetValue(id, out var row) ? row : null));
            }

            problems.AddRange(ledger.Values.Where(r => r.GetProperty("charges").GetInt32() > 1).Select(r => $"charged twice: {r.GetRawText()}"));
            problems.ShouldBeEmpty();

            await second.StopAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: new node stopped gracefully");
        });
    }

    [Fact]
    public async Task A_payment_that_never_answers_is_rejected_after_MaxAttempts_requests_although_the_node_is_killed_during_every_attempt()
    {
        const int maxAttempts = 3;
        await using var scenario = new ProcessScenario(output);
        await scenario.RunAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            var participants = scenario.StartParticipants();
            await participants.WaitLiveAsync();
            var nodeSettings = new Dictionary<string, string?>
            {
                ["ActorOrders:Saga:Steps:Timeout"] = Duration(StepTimeout),
                ["ActorOrders:Saga:Steps:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The refund after the last restart may go out before the node knows where the host is: room to wait.
                ["ActorOrders:Saga:Compensations:Timeout"] = Duration(StepTimeout),
            };
            var node = scenario.StartNode(nodeSettings);
            await node.WaitReadyAsync();
            await participants.WaitReadyAsync();
            await WarmUpAsync(node);

            var id = await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("noreply"), customerId: $"noreply-{Guid.NewGuid():N}"));
            var kills = 0;
            var readyAt = TimeSpan.Zero;
            for (var attempt = 1; attempt <= maxAttempts; attempt++)
            {
                // The attempt reached the payment service (which never answers)...
                var seen = await Eventually.Value(
                    async () => (Requests: await participants.PaymentRequestsAsync(id), Last: await node.Http.LastEventTypeAsync(id)),
                    p => p.Requests >= attempt || OrderApi.TerminalEvents.Contains(p.Last),
                    TimeSpan.FromSeconds(30),
                    $"payment attempt {attempt} of {id} reached the participants host");
                if (OrderApi.TerminalEvents.Contains(seen.Last)) break;
                var sentBy = clock.Elapsed;

                // ...and the node dies well within that attempt's timeout.
                node.Kill();
                kills++;
                (clock.Elapsed - sentBy).ShouldBeLessThan(StepTimeout, "the kill must land before the attempt's timeout");
                (await participants.PaymentRequestsAsync(id)).ShouldBe(attempt, "one request per attempt, none sent twice");
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: attempt {attempt} sent, node killed");

                // The scenario needs the attempt's timeout to run out while no node runs: this waits for a point
                // in time, not for something to happen.
                var due = sentBy + StepTimeout + TimeSpan.FromMilliseconds(200);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);

                node = scenario.StartNode(nodeSettings);
                await node.WaitReadyAsync();
                readyAt = clock.Elapsed;
                output.WriteLine($"{readyAt.TotalSeconds:0.0} s: restarted after attempt {attempt}'s timeout");
            }

            kills.ShouldBeGreaterThanOrEqualTo(maxAttempts - 1, "the node must die during (nearly) every attempt for this test to mean anything");

            // The last attempt timed out while the node was down: the budget is spent, so the restarted node
            // refunds the charge that may have been made and rejects the order; the ledger below shows it sent no
            // further authorization. The refund waits for the restarted node to learn the host's registration
            // (DistributedPubSub gossip), so this deadline bounds liveness, not the budget.
            await Eventually.Until(
                async () => await node.Http.LastEventTypeAsync(id) == "OrderRejected",
                TimeSpan.FromSeconds(60),
                $"{id} refunded and rejected after the last restart");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: rejected {(clock.Elapsed - readyAt).TotalSeconds:0.0} s after the last node was ready");

            var order = await node.Http.GetOrderAsync(id);
            order.Status().ShouldBe("Rejected");
            order.GetProperty("reason").GetString().ShouldNotBeNullOrWhiteSpace();
            var row = await participants.Http.LedgerAsync(id);
            var requests = row.GetProperty("paymentRequests").GetInt32();
            requests.ShouldBeLessThanOrEqualTo(maxAttempts, "the restarts must not buy the payment step more attempts");
            requests.ShouldBeGreaterThanOrEqualTo(kills);
            row.GetProperty("charges").GetInt32().ShouldBe(0);
        });
    }

    /// <summary>One order through the whole saga: the node's mediator knows the participants host's paths.</summary>
    private static async Task WarmUpAsync(ChildProcess node)
    {
        var id = await node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("warmup")));
        (await node.Http.WaitForTerminalAsync(id)).Status().ShouldBe("Completed");
    }

    private static async Task PlaceUntilFailureAsync(HttpClient http, ConcurrentQueue<string> acknowledged, ConcurrentQueue<string> unknown)
    {
        for (var i = 0; ; i++)
        {
            var id = OrderApi.NewId($"late-{i}");
            try
            {
                using var response = await http.PlaceAsync(OrderApi.Body(id));
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    unknown.Enqueue(id);
                    return;
                }

                acknowledged.Enqueue(id);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                unknown.Enqueue(id);
                return;
            }
        }
    }

    private static System.Text.Json.Nodes.JsonObject Body(string id, string kind) => kind switch
    {
        "declined" => OrderApi.Body(id, customerId: "decline-dora"),
        "oos" => OrderApi.Body(id, sku: "OOS-LAMP"),
        "zz" => OrderApi.Body(id, country: "ZZ"),
        _ => OrderApi.Body(id),
    };

    private static string Expected(string kind) => kind switch
    {
        "declined" => "Rejected",
        "oos" or "zz" => "Cancelled",
        _ => "Completed",
    };

    private static string Duration(TimeSpan span) => span.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
}
