using System.Net;
using Akka.Actor;
using ActorOrders.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorOrders.Node.Tests;

/// <summary>A node in Remote mode and the participants host, both in this process, in one cluster.</summary>
public sealed class RemoteClusterFixture : IAsyncLifetime
{
    private readonly TempSqlite _sqlite = new();
    private TestNode? _node;
    private TestParticipantsHost? _host;

    public TestNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public TestParticipantsHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?> { ["ActorOrders:Participants:Mode"] = "Remote" });
        var system = _node.Services.GetRequiredService<ActorSystem>();
        _host = await TestParticipantsHost.StartAsync(Akka.Cluster.Cluster.Get(system).SelfAddress);
        await TestParticipantsHost.WaitUntilReachableFrom(system);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
        if (_node is not null) await _node.DisposeAsync();
        _sqlite.Dispose();
    }
}

/// <summary>
/// ActorOrders:Participants:Mode = Remote: the node runs no simulators; its requests reach the participants
/// host's through DistributedPubSub and the replies come straight back to the saga steps.
/// </summary>
public sealed class RemoteParticipantsTests(RemoteClusterFixture cluster) : IClassFixture<RemoteClusterFixture>
{
    private HttpClient Node => cluster.Node.Http;

    private HttpClient Host => cluster.Host.Http;

    [Fact]
    public async Task Every_outcome_through_the_participants_host_agrees_with_its_ledger()
    {
        var orders = new (string Id, System.Text.Json.Nodes.JsonObject Body, string Expected)[]
        {
            (OrderApi.NewId("plain"), OrderApi.Body(), "Completed"),
            (OrderApi.NewId("declined"), OrderApi.Body(customerId: "decline-erin"), "Rejected"),
            (OrderApi.NewId("oos"), OrderApi.Body(sku: "OOS-DESK"), "Cancelled"),
            (OrderApi.NewId("zz"), OrderApi.Body(country: "ZZ"), "Cancelled"),
            (OrderApi.NewId("noreply"), OrderApi.Body(customerId: "noreply-frank"), "Rejected"),
        };
        foreach (var (id, body, _) in orders)
        {
            body["orderId"] = id;
            await Node.PlaceNewAsync(body);
        }

        foreach (var (id, _, expected) in orders)
        {
            var status = (await Node.WaitForTerminalAsync(id)).Status();
            status.ShouldBe(expected, id);
            LedgerCheck.Problems(id, status, await Host.LedgerAsync(id)).ShouldBeEmpty();
        }

        var completed = await Host.LedgerAsync(orders[0].Id);
        completed.GetProperty("charges").GetInt32().ShouldBe(1);
        completed.GetProperty("paymentRequests").GetInt32().ShouldBe(1, "a reply crossed the network once: no retry was needed");
        (await Host.LedgerAsync(orders[4].Id)).GetProperty("paymentRequests").GetInt32().ShouldBe(NodeConfig.StepMaxAttempts);
    }

    [Fact]
    public async Task The_host_ledger_has_the_shape_of_the_node_ledger()
    {
        var id = await Node.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));
        await Node.WaitForTerminalAsync(id);

        using var response = await Host.GetAsync($"/participants/ledger?orderId={id}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var row = (await response.JsonAsync()).GetProperty("orders").EnumerateArray().ShouldHaveSingleItem();
        row.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["orderId", "charges", "paymentRequests", "charged", "refunded", "reserved", "released", "shipped", "shipmentCancelled"]);
        row.GetProperty("charged").GetDecimal().ShouldBe(25.00m);
        (await Host.GetAsync("/participants/ledger")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_stalled_refund_is_healed_on_the_host_and_retried_on_the_node()
    {
        var customer = $"norefund-{Guid.NewGuid():N}";
        var id = await Node.PlaceNewAsync(OrderApi.Body(OrderApi.NewId(), customerId: customer, sku: "OOS-CHAIR"));
        (await Node.WaitForTerminalAsync(id)).Status().ShouldBe("AttentionRequired");

        using var heal = await Host.PostAsync($"/participants/heal?customerIdPrefix={customer}", null);
        heal.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await heal.JsonAsync()).GetProperty("customerIdPrefix").GetString().ShouldBe(customer);
        using var retry = await Node.PostAsync($"/orders/{id}/retry", null);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await Node.WaitForTerminalAsync(id)).Status().ShouldBe("Cancelled");
        (await Host.LedgerAsync(id)).GetProperty("refunded").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Healing_without_a_prefix_is_a_400_on_the_host()
    {
        using var response = await Host.PostAsync("/participants/heal", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("customerIdPrefix").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("GET", "/participants/ledger")]
    [InlineData("POST", "/participants/heal?customerIdPrefix=norefund")]
    public async Task A_node_in_Remote_mode_answers_404_saying_the_ledger_is_on_the_participants_host(string method, string path)
    {
        using var response = await Node.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("participants host");
    }
}

/// <summary>A node in Remote mode with no participants host in its cluster.</summary>
public sealed class RemoteParticipantsAbsentTests : IAsyncLifetime
{
    private readonly TempSqlite _sqlite = new();
    private readonly LogCapture _logs = new();
    private TestNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await TestNode.StartAsync(
            _sqlite.Store,
            overrides: new Dictionary<string, string?> { ["ActorOrders:Participants:Mode"] = "Remote" },
            customize: b => b.Logging.AddProvider(_logs));

    [Fact]
    public async Task Requests_go_nowhere_the_order_stops_on_its_own_timeouts_for_an_operator_and_the_node_warns_once()
    {
        var id = await _node.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        var order = await _node.Http.WaitForTerminalAsync(id);

        // A charge whose answer never came may have been applied: the order is rejected only once its
        // refund is confirmed, and with no participant to confirm it an operator is asked to look.
        order.Status().ShouldBe("AttentionRequired");
        order.GetProperty("reason").GetString()!.ShouldContain("RefundPayment");
        // Three attempts dropped within a few seconds: one warning, not one per request.
        var warnings = _logs.Warnings("No participants host has registered /user/participants-payment").ToList();
        warnings.ShouldHaveSingleItem().ShouldContain($"order {id}");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _sqlite.Dispose();
    }
}
