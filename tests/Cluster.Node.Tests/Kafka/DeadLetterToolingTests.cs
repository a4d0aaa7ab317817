using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Node.Wiring;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Kafka;

/// <summary>
/// The DLQ tooling and the Kafka metrics of a node on the embedded broker (librdkafka's mock
/// cluster), its admin API on a Kestrel listener of its own with a token: poison produced to
/// orders.commands listed with its error, a dead letter replayed once its cause is gone and applied,
/// a second replay refused, a discard recorded with who, the metrics on /metrics.
/// </summary>
// The Kafka gauges (dead letters open, quarantine) are process-wide: another node started by a test running at the
// same time exports its own values under the same names, so this class runs alone.
[Collection(ProcessWideMetrics.Name)]
public sealed class DeadLetterToolingTests : IDisposable
{
    private const string Token = "dlq-test-token-0123456789abcdef";
    private const string Identity = "ops-dlq-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempSqlite _sqlite = new();

    [Fact]
    public Task Dead_letters_are_listed_shown_replayed_once_and_discarded_with_who_and_the_kafka_metrics_are_exported_on_sqlite() =>
        ScenarioAsync(_sqlite.Store);

    [PostgresFact]
    public async Task Dead_letters_are_listed_shown_replayed_once_and_discarded_with_who_and_the_kafka_metrics_are_exported_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await ScenarioAsync(database.Store);
    }

    private async Task ScenarioAsync(StoreConfig store)
    {
        var adminPort = ChildProcess.FreePort();
        await using var node = await TestNode.StartAsync(store, overrides: new Dictionary<string, string?>
        {
            ["ActorOrders:Kafka:Enabled"] = "true",
            ["ActorOrders:Participants:Mode"] = "Kafka",
            ["ActorOrders:Kafka:BootstrapFile"] = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt"),
            ["ActorOrders:Kafka:EmbeddedPartitions"] = "4",
            // Slow participants (about a second a step): the order is still in flight when the replayed cancel reaches it.
            ["ActorOrders:Participants:MinLatency"] = "00:00:01",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:01.200",
            ["ActorOrders:Saga:Steps:Timeout"] = "00:00:05",
            ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:05",
            ["ActorOrders:Admin:Url"] = $"http://127.0.0.1:{adminPort}",
            ["ActorOrders:Admin:Token"] = Token,
            ["ActorOrders:Admin:TokenIdentity"] = Identity,
        });
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/admin/v1/"), Timeout = TimeSpan.FromSeconds(30) };
        var kafka = node.Services.GetRequiredService<KafkaCluster>();
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = kafka.BootstrapServers }).Build();

        // Like every admin route: the token, or 401.
        using (var anonymous = await admin.GetAsync("dlq"))
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        // Three kinds of poison, and a cancel that arrives before its order exists (refused: NotFound, a transient cause).
        for (var n = 0; n < 3; n++) await producer.ProduceAsync("orders.commands", CommandRecords.Poison(n));
        var early = OrderApi.NewId("early");
        await producer.ProduceAsync("orders.commands", CommandRecords.Cancel(early, "upstream sent the cancel first"));

        var listed = await Eventually.Value(
            async () => await GetJsonAsync(admin, "dlq?status=open"),
            l => l.GetProperty("items").GetArrayLength() >= 4,
            Deadline, "the four dead letters are listed open");
        var items = listed.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("key").GetString()).ShouldBe(["poison-0", "poison-1", "poison-2", early], ignoreOrder: true);
        items.ShouldAllBe(i => i.GetProperty("originalTopic").GetString() == "orders.commands" && i.GetProperty("status").GetString() == "open");
        items.Where(i => i.GetProperty("key").GetString()!.StartsWith("poison-", StringComparison.Ordinal))
            .ShouldAllBe(i => i.GetProperty("error").GetString()!.StartsWith("invalid:", StringComparison.Ordinal));
        var cancel = items.Single(i => i.GetProperty("key").GetString() == early);
        cancel.GetProperty("error").GetString()!.ShouldContain("refused: NotFound");
        listed.GetProperty("open").GetInt64().ShouldBe(4);
        // Newest first.
        items.Select(i => i.GetProperty("failedAt").GetDateTimeOffset()).ShouldBeInOrder(SortDirection.Descending);

        // Show: a payload that is JSON is shown as JSON, one that is not as text.
        var teleport = await GetJsonAsync(admin, $"dlq/{Id(items, "poison-1")}");
        teleport.GetProperty("payloadEncoding").GetString().ShouldBe("json");
        teleport.GetProperty("payload").GetProperty("type").GetString().ShouldBe("actororders.order.Teleport.v1");
        var garbage = await GetJsonAsync(admin, $"dlq/{Id(items, "poison-0")}");
        garbage.GetProperty("payloadEncoding").GetString().ShouldBe("utf-8");
        garbage.GetProperty("payload").GetString().ShouldBe("{ this is not json");
        using (var none = await admin.GetAsync("dlq/dlq-99-99"))
            none.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The cause goes away (the order is placed); the replayed cancel is applied.
        var body = OrderApi.Body(early);
        (await node.Http.PlaceAsync(body)).IsSuccessStatusCode.ShouldBeTrue();
        using (var replay = await admin.PostAsync($"dlq/{cancel.GetProperty("id").GetString()}/replay", null))
        {
            replay.StatusCode.ShouldBe(HttpStatusCode.OK, await replay.Content.ReadAsStringAsync());
            var done = await replay.JsonAsync();
            done.GetProperty("status").GetString().ShouldBe("replayed");
            done.GetProperty("by").GetString().ShouldBe(Identity);
            done.GetProperty("replayedTo").GetString()!.ShouldStartWith("orders.commands/");
        }

        var order = await node.Http.WaitForTerminalAsync(early, TimeSpan.FromSeconds(60));
        order.Status().ShouldBe("Cancelled");
        order.GetProperty("reason").GetString().ShouldBe("upstream sent the cancel first");

        // Twice: refused, unless forced.
        using (var again = await admin.PostAsync($"dlq/{cancel.GetProperty("id").GetString()}/replay", null))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await again.JsonAsync()).GetProperty("code").GetString().ShouldBe("refused");
        }

        using (var forced = await admin.PostAsync($"dlq/{cancel.GetProperty("id").GetString()}/replay?force=true", null))
            forced.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shown = (await GetJsonAsync(admin, $"dlq/{cancel.GetProperty("id").GetString()}")).GetProperty("entry");
        shown.GetProperty("replays").GetInt32().ShouldBe(2);
        shown.GetProperty("actionedBy").GetString().ShouldBe(Identity);

        // Metrics: the open dead letters drop with a discard.
        var before = await Eventually.Value(() => MetricsAsync(node.Http), m => Value(m, "actororders_kafka_dead_letters_open") is not null, Deadline, "the open count is exported");
        var openBefore = Value(before, "actororders_kafka_dead_letters_open")!.Value;
        using (var discard = await admin.PostAsync($"dlq/{Id(items, "poison-2")}/discard", null))
        {
            discard.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await discard.JsonAsync()).GetProperty("by").GetString().ShouldBe(Identity);
        }

        using (var twice = await admin.PostAsync($"dlq/{Id(items, "poison-2")}/discard", null))
            twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var after = await MetricsAsync(node.Http);
        Value(after, "actororders_kafka_dead_letters_open")!.Value.ShouldBe(openBefore - 1);
        (await GetJsonAsync(admin, "dlq?status=discarded")).GetProperty("items").EnumerateArray().Single().GetProperty("key").GetString().ShouldBe("poison-2");
        using (var bad = await admin.GetAsync("dlq?status=closed"))
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The rest of the Kafka path's metrics, by their exported names (sampled every few seconds).
        // Sampled every few seconds, and series of nodes that earlier tests of this process started may already be in
        // the process-wide registry: wait until this node's own samples are all there, then check them.
        var metrics = await Eventually.Value(() => MetricsAsync(node.Http), m =>
                m.Contains("actororders_kafka_consumer_lag{", StringComparison.Ordinal)
                && Lines(m, "actororders_kafka_producer_records").Any(l => l.Contains("topic=\"orders.dlq\"", StringComparison.Ordinal))
                && Lines(m, "actororders_kafka_dead_letters_written").Any(l => l.Contains("topic=\"orders.commands\"", StringComparison.Ordinal))
                && Lines(m, "actororders_kafka_consumer_records").Any(l => l.Contains("consumer=\"orders-commands-ingest\"", StringComparison.Ordinal))
                && Lines(m, "actororders_projections_lag_events").Any(l => l.Contains("projection=\"orders-events-publisher\"", StringComparison.Ordinal)),
            Deadline, "the sampled Kafka metrics are exported");
        metrics.ShouldContain("consumer=\"orders-commands-ingest\"");
        metrics.ShouldContain("group=\"actororders-ingest\"");
        metrics.ShouldContain("topic=\"orders.commands\"");
        metrics.ShouldContain("consumer=\"dead-letter-index\"");
        Lines(metrics, "actororders_kafka_dead_letters_written").ShouldContain(l => l.Contains("topic=\"orders.commands\"", StringComparison.Ordinal), string.Join('\n', Lines(metrics, "actororders_kafka")));
        Lines(metrics, "actororders_kafka_consumer_records").ShouldContain(l => l.Contains("consumer=\"orders-commands-ingest\"", StringComparison.Ordinal));
        Lines(metrics, "actororders_kafka_producer_records").ShouldContain(l => l.Contains("topic=\"orders.dlq\"", StringComparison.Ordinal));
        Value(metrics, "actororders_kafka_quarantine_records").ShouldBe(0);
        Lines(metrics, "actororders_projections_lag_events").ShouldContain(l => l.Contains("projection=\"orders-events-publisher\"", StringComparison.Ordinal));
        metrics.ShouldNotContain(early, customMessage: "an order id is never a label");

        // The lag route: every consumer of the node with its group, the ingest's partitions, the publication's slices.
        var lag = await GetJsonAsync(admin, "kafka/lag");
        var consumers = lag.GetProperty("consumers").EnumerateArray().ToDictionary(c => c.GetProperty("consumer").GetString()!);
        consumers.Keys.ShouldBe(["orders-commands-ingest", "participant-replies", "participant-simulators", "dead-letter-index"], ignoreOrder: true);
        var ingest = consumers["orders-commands-ingest"];
        ingest.GetProperty("group").GetString().ShouldBe("actororders-ingest");
        ingest.GetProperty("running").GetBoolean().ShouldBeTrue();
        ingest.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetInt32()).ShouldBe([0, 1, 2, 3]);
        ingest.GetProperty("partitions").EnumerateArray().Sum(p => p.GetProperty("highWatermark").GetInt64()).ShouldBeGreaterThanOrEqualTo(6);
        consumers["dead-letter-index"].GetProperty("partitions").EnumerateArray().ShouldAllBe(p => p.GetProperty("topic").GetString() == "orders.dlq");
        lag.GetProperty("publication").GetArrayLength().ShouldBeGreaterThan(0);

        // The quarantine: nothing parked here.
        (await GetJsonAsync(admin, "quarantine")).GetProperty("records").GetArrayLength().ShouldBe(0);
        using (var nothing = await admin.PostAsync($"quarantine/{early}/redrive", null))
            nothing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static string Id(List<JsonElement> items, string key) => items.Single(i => i.GetProperty("key").GetString() == key).GetProperty("id").GetString()!;

    private static async Task<JsonElement> GetJsonAsync(HttpClient admin, string path)
    {
        using var response = await admin.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {path}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static async Task<string> MetricsAsync(HttpClient http) => await http.GetStringAsync("/metrics");

    private static IEnumerable<string> Lines(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is '{' or ' ' or '_'));

    // The value of an unlabelled sample.
    private static double? Value(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => (double?)double.Parse(l[(name.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();

    public void Dispose() => _sqlite.Dispose();
}

/// <summary>Tests that compare process-wide metrics before and after: they run with no other test alongside.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}
