using System.Diagnostics;
using ActorOrders.Contracts;
using Xunit.Abstractions;

namespace ActorOrders.Node.Tests.MultiNode;

/// <summary>
/// Three order nodes on PostgreSQL (formed by Cluster Bootstrap) and the participants host, real processes on
/// loopback, an order load running throughout; the participants' ledger is checked at the end. Observed from
/// outside only: HTTP, the admin API, the journal and read model tables, the ledger, exit codes.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class ClusterMembershipTests(ITestOutputHelper output)
{
    private const int Shards = 10;
    private static readonly TimeSpan FailoverBound = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task A_node_holding_shards_is_SIGKILLed_under_load_and_its_in_flight_orders_resume_on_the_survivors_each_step_once()
    {
        await using var run = await ClusterRun.StartAsync(output, founders: 3, NodeSettings());
        await RunAsync(run, async clock =>
        {
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 3 nodes and the participants host Up");
            var load = new OrderLoad(run, total: 1200, concurrency: 24, prefix: "kill");
            // A node that holds shards, not the leader (the leader's loss is the next test's).
            await KillUnderLoadAsync(run, clock, load, async () =>
            {
                var leaders = await ClusterRun.LeadersAsync(run.Members[0]);
                return (await Task.WhenAll(run.Members.Where(m => !leaders.Contains(m.Address)).Select(async m => (Member: m, Shards: await ClusterRun.ShardsOfAsync(m)))))
                    .MaxBy(m => m.Shards.Count);
            }, "failover");
        });
    }

    [PostgresFact]
    public async Task The_leader_and_oldest_node_is_SIGKILLed_under_load_the_survivors_stay_Up_and_its_in_flight_orders_resume_each_step_once()
    {
        // node1 leads and is the oldest (shard coordinator, resumer, projection coordinator); the participants host,
        // which does not vote, leads after it: the resolver's decision is then taken by a member that is not a node.
        await using var run = await ClusterRun.StartAsync(output, founders: 3, NodeSettings(), firstFounderLeads: true);
        await RunAsync(run, async clock =>
        {
            var victim = run.Members[0];
            (await ClusterRun.LeaderAsync(run.Members[1])).ShouldBe(victim.Address, "node1 must be the cluster's leader");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: 3 nodes and the participants host Up, {victim.Name} leads");
            var load = new OrderLoad(run, total: 500, concurrency: 16, prefix: "lead");
            await KillUnderLoadAsync(run, clock, load, async () => (victim, await ClusterRun.ShardsOfAsync(victim)), "failover of the leader");
            (await ClusterRun.LeaderAsync(run.Serving.First())).ShouldNotBe(victim.Address);
        });
    }

    /// <summary>
    /// Runs <paramref name="load"/>, SIGKILLs the member <paramref name="pick"/> names once orders flow, waits for each
    /// of its in-flight orders to move again (the figure), then checks every acknowledged order against the ledger
    /// and that no survivor was downed.
    /// </summary>
    private async Task KillUnderLoadAsync(ClusterRun run, Stopwatch clock, OrderLoad load, Func<Task<(Member Member, IReadOnlySet<string> Shards)>> pick, string figure)
    {
        var loading = load.RunAsync();
        await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count >= 150 || loading.IsCompleted), TimeSpan.FromSeconds(90), "150 orders acknowledged");
        var victim = await pick();
        victim.Shards.ShouldNotBeEmpty("the victim must hold shards");
        var extractor = new OrderMessageExtractor(Shards);

        victim.Member.Serving = false;
        victim.Member.Process.Kill();
        var killedAt = clock.Elapsed;
        // After the kill nothing of the victim writes any more: whatever is newer than this was written elsewhere.
        var before = await run.JournalProgressAsync();
        // In flight on the victim: acknowledged, on one of its shards, no terminal event yet.
        var inFlight = load.Acknowledged.Keys
            .Where(id => victim.Shards.Contains(extractor.ShardId(id)) && before.TryGetValue(id, out var last) && !ClusterRun.TerminalManifests.Contains(last.Manifest))
            .ToDictionary(id => id, id => before[id].SequenceNr, StringComparer.Ordinal);
        output.WriteLine($"{killedAt.TotalSeconds:0.0} s: {victim.Member.Name} SIGKILLed holding shards [{string.Join(", ", victim.Shards.Order())}], {inFlight.Count} of its orders in flight, {load.Acknowledged.Count} acknowledged");
        inFlight.Count.ShouldBeGreaterThan(0, "orders of the victim must be in flight at the kill, or this test proves nothing");

        // Moving again: a new event in the journal for every one of them, with no message sent to them.
        await Eventually.Until(async () =>
        {
            var now = await run.JournalProgressAsync();
            return inFlight.All(o => now.TryGetValue(o.Key, out var last) && last.SequenceNr > o.Value);
        }, FailoverBound, $"every in-flight order of {victim.Member.Name} has a new event");
        output.WriteLine($"FIGURE {figure} (SIGKILL -> every in-flight order of the dead node moving again): {(clock.Elapsed - killedAt).TotalSeconds:0.0} s");
        // Its process was gone, so a survivor's crash detector downed it (its remoting port refused connections),
        // without waiting for the failure detector's pause and the resolver's stable-after.
        // (bench/cluster-failover.sh turns it off in its other profile, to compare with the resolver's path.)
        if (ClusterRun.CrashDetectorOn)
        {
            var downedBy = run.Members.Where(m => m != victim.Member)
                .FirstOrDefault(m => m.Process.Output.Any(l => l.Contains($"nothing listens on {victim.Member.Address}'s remoting port", StringComparison.Ordinal)));
            downedBy.ShouldNotBeNull($"a survivor's crash detector must have downed {victim.Member.Name}");
            output.WriteLine($"{victim.Member.Name} downed by {downedBy.Name}'s crash detector");
        }

        await loading;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: load done, {load.Acknowledged.Count} orders in {load.Elapsed.TotalSeconds:0.0} s, {load.Retries} placements retried");
        var problems = await load.VerifyAsync(TimeSpan.FromSeconds(60));
        problems.ShouldBeEmpty();

        // No healthy member was downed by mistake under load: the survivors still run and see each other Up.
        foreach (var member in run.Members.Where(m => m != victim.Member)) member.Process.HasExited.ShouldBeFalse($"{member.Name} must still run");
        run.Participants.HasExited.ShouldBeFalse("the participants host must still run");
        await run.WaitForUpMembersAsync(3, TimeSpan.FromSeconds(30));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every order terminal and consistent with the ledger");
    }

    [PostgresFact]
    public async Task A_fourth_node_joins_and_one_leaves_gracefully_on_SIGTERM_while_orders_flow_and_no_order_is_lost_or_charged_twice()
    {
        await using var run = await ClusterRun.StartAsync(output, founders: 3, NodeSettings());
        await RunAsync(run, async clock =>
        {
            var load = new OrderLoad(run, total: 3000, concurrency: 32, prefix: "scale");
            var loading = load.RunAsync();
            await Eventually.Until(() => Task.FromResult(load.Acknowledged.Count >= 300 || loading.IsCompleted), TimeSpan.FromSeconds(90), "300 orders acknowledged");

            // Scale out: a fourth node bootstraps into the running cluster and is given shards.
            var joinedAt = clock.Elapsed;
            var fourth = await run.JoinAsync();
            await run.WaitForUpMembersAsync(5, TimeSpan.FromSeconds(60));
            await Eventually.Until(async () => (await ClusterRun.ShardsOfAsync(fourth)).Count > 0, TimeSpan.FromSeconds(60), "the fourth node holds shards");
            output.WriteLine($"FIGURE scale-out (start -> Up and holding shards): {(clock.Elapsed - joinedAt).TotalSeconds:0.0} s, {load.Acknowledged.Count} acknowledged");

            // Scale in: SIGTERM to a founder that holds shards; it turns unready, hands off and exits 0.
            var leaving = (await Task.WhenAll(run.Members.Where(m => m != fourth).Select(async m => (Member: m, Shards: await ClusterRun.ShardsOfAsync(m)))))
                .MaxBy(m => m.Shards.Count);
            leaving.Shards.ShouldNotBeEmpty();
            var stoppedAt = clock.Elapsed;
            var stopping = leaving.Member.Process.StopAsync(TimeSpan.FromSeconds(45));
            var unready = await Eventually.Value(
                async () =>
                {
                    try
                    {
                        using var response = await leaving.Member.Process.Http.GetAsync("/health/ready");
                        return !response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return true; // already closed its listener
                    }
                },
                u => u,
                TimeSpan.FromSeconds(10),
                $"{leaving.Member.Name} answers /health/ready with 503 after SIGTERM");
            unready.ShouldBeTrue();
            leaving.Member.Serving = false;
            await stopping;
            var handoff = clock.Elapsed - stoppedAt;
            leaving.Member.Process.ExitCode.ShouldBe(0, "a graceful leave exits 0");
            output.WriteLine($"FIGURE graceful leave (SIGTERM -> process exited 0, shards handed off): {handoff.TotalSeconds:0.0} s");
            foreach (var line in leaving.Member.Process.Output.SkipWhile(l => !l.Contains("Stopping:", StringComparison.Ordinal)).Where(l => !l.Contains("Health check", StringComparison.Ordinal)).Take(40))
                output.WriteLine($"  {leaving.Member.Name}: {line}");

            var survivor = run.Serving.First();
            await Eventually.Until(async () =>
            {
                var allocation = await ClusterRun.AllocationAsync(survivor);
                return allocation.Count == 3 && !allocation.ContainsKey(leaving.Member.Address) && allocation.Values.Sum() == Shards;
            }, TimeSpan.FromSeconds(30), "every shard is on the three remaining nodes");

            await loading;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: load done, {load.Acknowledged.Count} orders in {load.Elapsed.TotalSeconds:0.0} s ({load.Acknowledged.Count / load.Elapsed.TotalSeconds:0} orders/s), {load.Retries} placements retried");
            load.Acknowledged.Count.ShouldBe(3000);
            var problems = await load.VerifyAsync(TimeSpan.FromSeconds(60));
            problems.ShouldBeEmpty();
            await run.WaitForUpMembersAsync(4, TimeSpan.FromSeconds(30));
        });
    }

    /// <summary>Shipped cluster defaults (resolver, failure detector); only what a test needs short is shortened.</summary>
    private static Dictionary<string, string?> NodeSettings() => new()
    {
        ["ActorOrders:Sharding:NumberOfShards"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ActorOrders:Saga:Steps:Timeout"] = "00:00:03",
        ["ActorOrders:Cluster:SplitBrainStableAfter"] = null,
    };

    private async Task RunAsync(ClusterRun run, Func<Stopwatch, Task> body)
    {
        try
        {
            await body(Stopwatch.StartNew());
        }
        catch
        {
            run.WriteOutput();
            throw;
        }
    }
}
