using System.Net;
using System.Text;
using ActorOrders.Node.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests;

/// <summary>Placing is idempotent by order id; unknown ids are answered without storing anything; cancel is refused once shipped.</summary>
public sealed class PlacementTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task Placing_returns_201_with_the_id_status_and_location()
    {
        var id = OrderApi.NewId();

        using var response = await Http.PlaceAsync(OrderApi.Body(id));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe($"/orders/{id}");
        var json = await response.JsonAsync();
        json.GetProperty("orderId").GetString().ShouldBe(id);
        json.GetProperty("status").GetString().ShouldBeOneOf("Placed", "AwaitingPayment", "AwaitingInventory", "AwaitingShipment", "Completed");
    }

    [Fact]
    public async Task Placing_the_same_order_again_returns_200_and_the_same_order()
    {
        var body = OrderApi.Body(OrderApi.NewId());
        var id = await Http.PlaceNewAsync(body);

        using var again = await Http.PlaceAsync(body);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.Location!.ToString().ShouldBe($"/orders/{id}");
        (await again.JsonAsync()).GetProperty("orderId").GetString().ShouldBe(id);
        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Completed");
        (await Http.LedgerAsync(id)).GetProperty("charges").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Placing_a_different_order_under_a_taken_id_is_a_409_problem()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        using var response = await Http.PlaceAsync(OrderApi.Body(id, customerId: "mallory"));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Http.GetOrderAsync(id)).GetProperty("customerId").GetString().ShouldBe("alice");
    }

    [Fact]
    public async Task The_idempotency_key_header_names_the_order_when_the_body_has_no_id()
    {
        var key = OrderApi.NewId("key");
        var body = OrderApi.Body();
        body.Remove("orderId");

        using var first = await Post(body, key);
        using var second = await Post(body, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        // A replay repeats the first answer and says so.
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        (await first.JsonAsync()).GetProperty("orderId").GetString().ShouldBe(key);
    }

    [Fact]
    public async Task Without_an_id_or_key_every_post_creates_a_new_order()
    {
        var body = OrderApi.Body();
        body.Remove("orderId");

        var first = await Http.PlaceNewAsync(body);
        var second = await Http.PlaceNewAsync(body);

        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task An_unknown_order_is_a_404_problem_and_nothing_is_stored_for_it()
    {
        var unknown = OrderApi.NewId("ghost");

        using var get = await Http.GetAsync($"/orders/{unknown}");
        using var events = await Http.GetAsync($"/orders/{unknown}/events");
        using var cancel = await Http.PostAsync($"/orders/{unknown}/cancel", null);
        using var retry = await Http.PostAsync($"/orders/{unknown}/retry", null);

        foreach (var response in new[] { get, events, cancel, retry })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        await StoreBarrier.AfterEverythingBeforeIsStoredAsync(Http, fixture.JournalFile);
        SqliteJournal.RowsMentioning(fixture.JournalFile, unknown).ShouldBe(0);
    }

    [Fact]
    public async Task The_check_for_rows_sees_what_a_known_order_writes()
    {
        // Guards the previous test: the same query does find what a known order writes (its events and its read-model row).
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));

        await Eventually.Until(() => Task.FromResult(SqliteJournal.RowsMentioning(fixture.JournalFile, id) > 5), TimeSpan.FromSeconds(30), "the order's events and its row exist");
    }

    [Fact]
    public async Task Cancelling_a_completed_order_is_a_409_problem()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));
        (await Http.WaitForTerminalAsync(id)).Status().ShouldBe("Completed");

        using var cancel = await Http.PostAsync($"/orders/{id}/cancel", null);

        cancel.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        cancel.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Http.GetOrderAsync(id)).Status().ShouldBe("Completed");
    }

    [Fact]
    public async Task Retrying_an_order_that_needs_no_attention_is_a_409_problem()
    {
        var id = await Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId()));
        await Http.WaitForTerminalAsync(id);

        using var retry = await Http.PostAsync($"/orders/{id}/retry", null);

        retry.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_order_endpoints_and_their_security_schemes()
    {
        var doc = await Http.GetStringAsync("/openapi/v1.json");

        doc.ShouldContain("/orders/{id}/events");
        doc.ShouldContain("/participants/ledger");
        using var json = System.Text.Json.JsonDocument.Parse(doc);
        var schemes = json.RootElement.GetProperty("components").GetProperty("securitySchemes");
        schemes.TryGetProperty(ActorOrders.Http.OrderOpenApi.ApiKeyScheme, out _).ShouldBeTrue();
        schemes.TryGetProperty(ActorOrders.Http.OrderOpenApi.BearerScheme, out _).ShouldBeTrue();
    }

    [Fact]
    public void The_node_runs_keep_majority_the_sql_journal_with_one_writer_on_sqlite_and_our_serializer()
    {
        var system = fixture.Node.Services.GetRequiredService<Akka.Actor.ActorSystem>();
        var config = system.Settings.Config;

        config.GetString("akka.cluster.split-brain-resolver.active-strategy").ShouldBe("keep-majority");
        config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after").ShouldBe(TimeSpan.FromSeconds(5));
        config.GetString("akka.persistence.journal.plugin").ShouldBe("akka.persistence.journal.sql");
        config.GetString("akka.persistence.journal.sql.provider-name").ShouldBe("SQLite.MS");
        config.GetInt("akka.persistence.journal.sql.parallelism").ShouldBe(1);
        config.GetString("akka.persistence.snapshot-store.plugin").ShouldBe("akka.persistence.snapshot-store.sql");
        system.Serialization.FindSerializerForType(typeof(Domain.Events.OrderPlaced)).ShouldBeOfType<Domain.Serialization.OrdersJsonSerializer>();
    }

    [Fact]
    public async Task Liveness_and_readiness_report_healthy()
    {
        (await Http.GetStringAsync("/health/live")).ShouldBe("Healthy");
        (await Http.GetStringAsync("/health/ready")).ShouldBe("Healthy");
    }

    private Task<HttpResponseMessage> Post(System.Text.Json.Nodes.JsonObject body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return Http.SendAsync(request);
    }
}
