using Akka.Actor;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Participants;

namespace ActorOrders.Node.Tests;

/// <summary>
/// The node stops in the middle of sagas while the participants (in their own actor system)
/// live on. A new node on the same file resumes every in-flight order by itself
/// (remember-entities), without any message, and nobody is charged twice.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Orders = 12;
    private readonly TempSqlite _sqlite = new();
    private ActorSystem _participantsSystem = null!;
    private SimulatedParticipants _participants = null!;

    public Task InitializeAsync()
    {
        _participantsSystem = ActorSystem.Create("participants");
        // Slow replies keep every saga in flight when the node stops.
        _participants = Simulators.Start(_participantsSystem, new SimulatorSettings(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), 0));
        return Task.CompletedTask;
    }

    [Fact]
    public async Task In_flight_orders_resume_and_complete_on_a_new_node_without_any_message_and_are_charged_once()
    {
        var settings = new Dictionary<string, string?> { ["ActorOrders:Saga:Steps:Timeout"] = "00:00:03" };
        var ids = Enumerable.Range(0, Orders).Select(i => OrderApi.NewId($"crash{i}")).ToArray();

        await using (var first = await TestNode.StartAsync(_sqlite.Store, _participants, settings))
        {
            await Task.WhenAll(ids.Select(id => first.Http.PlaceNewAsync(OrderApi.Body(id))));
        }

        var atStop = await Ledger();
        atStop.Count(r => r.Shipped).ShouldBeLessThan(Orders, "the node must stop with sagas still in flight for this test to mean anything");

        await using var second = await TestNode.StartAsync(_sqlite.Store, _participants, settings);

        // Only the participants' ledger is watched: nothing is sent to the orders.
        var final = await Eventually.Value(
            Ledger,
            rows => rows.Count == Orders && rows.All(r => r.Shipped),
            TimeSpan.FromSeconds(60),
            "every order shipped after the restart");
        final.ShouldAllBe(r => r.Charges == 1 && r.Reserved && !r.Refunded && !r.Released);

        foreach (var id in ids)
        {
            var lastEvent = await Eventually.Value(
                async () => (await second.Http.EventsAsync(id)).Last().GetProperty("type").GetString(),
                type => type == "OrderCompleted",
                TimeSpan.FromSeconds(30),
                $"order {id} stored OrderCompleted");
            lastEvent.ShouldBe("OrderCompleted");
        }
    }

    public async Task DisposeAsync()
    {
        await _participantsSystem.Terminate();
        _sqlite.Dispose();
    }

    private async Task<IReadOnlyList<OrderLedger>> Ledger() =>
        (await _participants.Ledger.Ask<LedgerReport>(new GetLedger(null), TimeSpan.FromSeconds(10))).Orders;
}
