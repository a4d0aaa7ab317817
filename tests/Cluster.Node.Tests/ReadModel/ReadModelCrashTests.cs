using System.Collections.Concurrent;
using ActorOrders.Node.Tests.Support;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests.ReadModel;

/// <summary>
/// The node process is SIGKILLed while orders flow and the projection is behind; a new node on the
/// same file resumes each slice from its stored offset, and every row ends equal to its order.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class ReadModelCrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_a_SIGKILL_mid_stream_the_projection_resumes_from_its_offsets_with_no_missing_or_wrong_row()
    {
        await using var scenario = new ProcessScenario(output);
        await scenario.RunAsync(async () =>
        {
            var store = StoreConfig.Sqlite(scenario.JournalFile);
            var participants = scenario.StartParticipants(new Dictionary<string, string?>
            {
                ["ActorOrders:Participants:MinLatency"] = "00:00:00",
                ["ActorOrders:Participants:MaxLatency"] = "00:00:00.010",
            });
            await participants.WaitLiveAsync();
            var first = scenario.StartNode();
            await first.WaitReadyAsync();
            await participants.WaitReadyAsync();
            await first.Http.WaitForTerminalAsync(await first.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("warmup"))));

            var expected = new ConcurrentDictionary<string, string>();
            var placed = 0;
            using var stop = new CancellationTokenSource();
            var placing = Concurrently.ForEachAsync(Enumerable.Range(0, 100_000), 32, async n =>
            {
                if (stop.IsCancellationRequested) return;
                var id = OrderApi.NewId($"rmk{n}");
                var (body, status) = OrderMixes.Mixed(id, n % 3 == 0 ? n : 5);
                try
                {
                    using var response = await first.Http.PlaceAsync(body);
                    if (response.StatusCode == System.Net.HttpStatusCode.Created)
                    {
                        expected[id] = status;
                        Interlocked.Increment(ref placed);
                    }
                }
                catch (HttpRequestException)
                {
                    stop.Cancel();
                }
                catch (TaskCanceledException)
                {
                    stop.Cancel();
                }
            });

            await Eventually.Until(() => Task.FromResult(Volatile.Read(ref placed) >= 1500), TimeSpan.FromSeconds(60), "orders flow");
            var settledBefore = (await ReadModelRows.AllAsync(store)).Values.Count(r => OrderMixes.Settled.Contains(r.Status));
            first.Kill();
            stop.Cancel();
            await placing;
            output.WriteLine($"killed with {expected.Count} acknowledged orders, {settledBefore} settled rows");
            settledBefore.ShouldBeLessThan(expected.Count, "the projection must be behind at the kill for this test to mean anything");

            var second = scenario.StartNode();
            await second.WaitReadyAsync();
            var rows = await Eventually.Value(
                () => ReadModelRows.AllAsync(store),
                r => expected.Keys.All(id => r.TryGetValue(id, out var row) && OrderMixes.Settled.Contains(row.Status)),
                TimeSpan.FromSeconds(120),
                "every acknowledged order has a settled row");

            var problems = new ConcurrentBag<string>();
            await Concurrently.ForEachAsync(expected, 16, async pair =>
            {
                var view = await second.Http.GetOrderAsync(pair.Key);
                foreach (var difference in ReadModelScenarios.Differences(rows[pair.Key], view)) problems.Add(difference);
                if (view.Status() != pair.Value) problems.Add($"{pair.Key}: ended {view.Status()}, the test value forces {pair.Value}");
            });
            problems.ShouldBeEmpty();
        });
    }
}
