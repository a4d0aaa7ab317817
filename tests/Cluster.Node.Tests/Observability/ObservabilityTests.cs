using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorOrders.Node.Tests.Kafka;
using ActorOrders.Node.Tests.Support;
using ActorOrders.Node.Wiring;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;

namespace ActorOrders.Node.Tests.Observability;

/// <summary>
/// The counters, traces and alert rules against a real node on the mock Kafka cluster. The meters and the
/// Prometheus registry are process-wide, so this collection runs alone and compares before/after scrapes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection : ICollectionFixture<ObservedNode>
{
    public const string Name = "observability";
}

/// <summary>One Kafka node for the collection, and every span this process records while it runs.</summary>
public sealed class ObservedNode : IAsyncLifetime
{
    private readonly TempSqlite _sqlite = new();
    private readonly ActivityListener _listener;

    public ObservedNode()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name.StartsWith("ActorOrders.", StringComparison.Ordinal) || s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Spans.Add(a),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ConcurrentBag<Activity> Spans { get; } = [];

    public TestNode Node { get; private set; } = null!;

    public string Bootstrap => Node.Services.GetRequiredService<KafkaCluster>().BootstrapServers;

    public async Task InitializeAsync() => Node = await TestNode.StartAsync(_sqlite.Store, overrides: new Dictionary<string, string?>
    {
        ["ActorOrders:Kafka:Enabled"] = "true",
        ["ActorOrders:Participants:Mode"] = "Kafka",
        ["ActorOrders:Kafka:BootstrapFile"] = Path.Combine(Path.GetDirectoryName(_sqlite.File)!, "kafka-bootstrap.txt"),
        ["ActorOrders:Saga:Steps:Timeout"] = "00:00:02",
        ["ActorOrders:Saga:Compensations:Timeout"] = "00:00:02",
    });

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _listener.Dispose();
        _sqlite.Dispose();
    }
}

[Collection(ObservabilityCollection.Name)]
public sealed class ObservabilityTests(ObservedNode fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly Regex Sample = new(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>(?:[^""}]|""(?:[^""\\]|\\.)*"")*)\})? (?<value>\S+)( \d+)?$", RegexOptions.Compiled);
    private static readonly Regex Label = new(@"^[a-zA-Z_][a-zA-Z0-9_]*=""([^""\\]|\\.)*""$", RegexOptions.Compiled);

    [Fact]
    public async Task A_mixed_run_is_counted_placed_equals_finished_plus_in_flight_with_retries_and_compensations_and_the_text_parses()
    {
        var before = Parse(await fixture.Node.Http.GetStringAsync("/metrics"));
        var expected = new Dictionary<string, string>();
        for (var n = 0; n < 40; n++)
        {
            var id = OrderApi.NewId($"m{n}");
            var (body, status) = OrderMixes.Mixed(id, n);
            expected[id] = status;
            (await fixture.Node.Http.PlaceAsync(body)).EnsureSuccessStatusCode();
        }

        foreach (var id in expected.Keys)
        {
            await Eventually.Until(async () =>
            {
                var status = (await (await fixture.Node.Http.GetAsync($"/orders/{id}")).JsonAsync()).GetProperty("status").GetString();
                return Array.IndexOf(OrderMixes.Settled, status) >= 0;
            }, Deadline, $"{id} settled");
        }

        var outcomes = expected.Values.Where(s => s != "AttentionRequired").GroupBy(s => s).ToDictionary(g => g.Key, g => (double)g.Count());
        var after = await Eventually.Value(
            async () => Parse(await fixture.Node.Http.GetStringAsync("/metrics")),
            m => outcomes.All(o => Delta(before, m, "actororders_orders_finished_total", ("outcome", o.Key)) == o.Value),
            Deadline, "the finished orders are counted by outcome");

        var placed = Delta(before, after, "actororders_orders_placed_total");
        var finished = Delta(before, after, "actororders_orders_finished_total");
        var inFlight = Sum(after, "actororders_orders_in_flight");
        placed.ShouldBe(expected.Count);
        (finished + inFlight).ShouldBe(placed, $"finished {finished} + in flight {inFlight}");
        Sum(after, "actororders_orders_in_flight", ("state", "AttentionRequired")).ShouldBe(expected.Values.Count(s => s == "AttentionRequired"));
        // noreply, lostreply and novoid retry their payment; norefund retries its refund; OOS and ZZ orders are compensated.
        Delta(before, after, "actororders_orders_step_retries_total").ShouldBeGreaterThan(0);
        Delta(before, after, "actororders_orders_step_attempt_timeouts_total", ("action", "AuthorizePayment")).ShouldBeGreaterThan(0);
        Delta(before, after, "actororders_orders_compensations_total", ("result", "succeeded")).ShouldBeGreaterThan(0);
        Delta(before, after, "actororders_orders_compensations_total", ("result", "stalled")).ShouldBe(expected.Values.Count(s => s == "AttentionRequired"));
        Delta(before, after, "actororders_orders_step_duration_seconds_count", ("action", "AuthorizePayment")).ShouldBeGreaterThanOrEqualTo(expected.Count);
        Delta(before, after, "actororders_orders_persist_duration_seconds_count").ShouldBeGreaterThan(0);
        Sum(after, "actororders_sharding_shards").ShouldBeGreaterThan(0);
        after.Keys.ShouldNotContain(k => expected.Keys.Any(id => k.Contains(id, StringComparison.Ordinal)), "no order id is a label");
    }

    [Fact]
    public async Task One_order_placed_over_http_is_one_trace_from_the_request_through_the_participants_over_kafka_to_orders_events()
    {
        var id = OrderApi.NewId("trace");
        (await fixture.Node.Http.PlaceAsync(OrderApi.Body(id))).EnsureSuccessStatusCode();

        var published = OrderEventsTopic.ReadAll(fixture.Bootstrap, "orders.events",
            e => e.Any(x => x.Subject == id && x.Type.Contains("OrderCompleted", StringComparison.Ordinal)), Deadline).Where(e => e.Subject == id).ToList();
        published.ShouldContain(e => e.Type.Contains("OrderCompleted", StringComparison.Ordinal), "the order completed and was published");

        var place = await Eventually.Value(() => Task.FromResult(fixture.Spans.FirstOrDefault(s => s.DisplayName == "order place" && (string?)s.GetTagItem("order.id") == id)),
            s => s is not null, Deadline, "the order's place span ended");
        var traceId = place!.TraceId;
        var http = fixture.Spans.Single(s => s.SpanId == place.ParentSpanId);
        http.Source.Name.ShouldBe("Microsoft.AspNetCore");
        http.Kind.ShouldBe(ActivityKind.Server);
        published.Where(e => e.TraceParent is null || !e.TraceParent.Contains(traceId.ToHexString(), StringComparison.Ordinal)).Select(e => $"{e.Type}: {e.TraceParent ?? "none"}")
            .ShouldBeEmpty($"every published event carries the order's trace {traceId}");

        string[] wanted =
        [
            "order place", "order step AuthorizePayment", "payments.commands publish", "payments.commands process", "payments.events process",
            "order step ReserveInventory", "inventory.commands publish", "inventory.events process", "order step ScheduleShipment", "shipping.events process", "orders.events publish",
        ];
        var trace = await Eventually.Value(
            () => Task.FromResult(fixture.Spans.Where(s => s.TraceId == traceId).ToList()),
            spans => wanted.All(w => spans.Any(s => s.DisplayName == w)) && spans.Count(s => s.DisplayName == "orders.events publish") >= published.Select(e => e.Id).Distinct().Count(),
            Deadline, "every span of the order has ended");
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var orphans = trace.Where(s => s != http && !ids.Contains(s.ParentSpanId)).Select(s => $"{s.DisplayName} (parent {s.ParentSpanId})").ToList();
        orphans.ShouldBeEmpty("every span but the request's has its parent in the trace");
        http.ParentSpanId.ShouldBe(default);
        Parent(trace, "order place").ShouldBe(http);
        Parent(trace, "payments.commands publish").DisplayName.ShouldBe("order step AuthorizePayment");
        Parent(trace, "payments.commands process").DisplayName.ShouldBe("payments.commands publish");
        Parent(trace, "payments.events process").DisplayName.ShouldBe("payments.commands process");
        Parent(trace, "orders.events publish").DisplayName.ShouldBe("order place");
    }

    [Fact]
    public async Task Every_metric_the_alert_rules_and_the_dashboard_use_is_exported_by_a_live_node()
    {
        // The mixed run and a poison record make every series exist (the DLQ's only after a dead letter).
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = fixture.Bootstrap }).Build())
            await producer.ProduceAsync("orders.commands", CommandRecords.Poison(0));
        var id = OrderApi.NewId("names");
        (await fixture.Node.Http.PlaceAsync(OrderApi.Body(id, customerId: "noreply-" + id))).EnsureSuccessStatusCode();

        var used = Repository.MetricNames(Repository.Read("config/prometheus/alerts.yml"))
            .Concat(Repository.MetricNames(Repository.Read("k8s/grafana/actororders-dashboard.json")))
            .ToHashSet(StringComparer.Ordinal);
        used.Count.ShouldBeGreaterThan(10);

        var missing = await Eventually.Value(
            async () =>
            {
                var exported = Parse(await fixture.Node.Http.GetStringAsync("/metrics")).Keys.Select(k => k.Split('{')[0]).ToHashSet(StringComparer.Ordinal);
                return used.Where(u => !exported.Contains(u)).ToList();
            },
            m => m.Count == 0, Deadline, "every metric name used is exported");
        missing.ShouldBeEmpty();
    }

    private static Activity Parent(List<Activity> trace, string name)
    {
        var span = trace.First(s => s.DisplayName == name);
        return trace.Single(s => s.SpanId == span.ParentSpanId);
    }

    /// <summary>Parses the Prometheus text format strictly: every line a comment or a sample with well-formed labels and a number.</summary>
    internal static Dictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var m = Sample.Match(line);
            m.Success.ShouldBeTrue($"not a Prometheus sample: {line}");
            var labels = m.Groups["labels"].Success && m.Groups["labels"].Value.Length > 0
                ? SplitLabels(m.Groups["labels"].Value)
                : [];
            labels.ShouldAllBe(l => Label.IsMatch(l), $"bad labels: {line}");
            var value = m.Groups["value"].Value;
            var number = value switch { "+Inf" => double.PositiveInfinity, "-Inf" => double.NegativeInfinity, "NaN" => double.NaN, _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) };
            var key = m.Groups["name"].Value + "{" + string.Join(",", labels.Order(StringComparer.Ordinal)) + "}";
            samples.ContainsKey(key).ShouldBeFalse($"sample twice: {key}");
            samples[key] = number;
        }

        return samples;
    }

    private static List<string> SplitLabels(string labels)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == '"' && (i == 0 || labels[i - 1] != '\\')) quoted = !quoted;
            if (labels[i] == ',' && !quoted)
            {
                parts.Add(labels[start..i]);
                start = i + 1;
            }
        }

        if (start < labels.Length) parts.Add(labels[start..]);
        return parts;
    }

    private static double Sum(Dictionary<string, double> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Key.StartsWith(name + "{", StringComparison.Ordinal) && labels.All(l => s.Key.Contains($"{l.Key}=\"{l.Value}\"", StringComparison.Ordinal))).Sum(s => s.Value);

    private static double Delta(Dictionary<string, double> before, Dictionary<string, double> after, string name, params (string Key, string Value)[] labels) =>
        Sum(after, name, labels) - Sum(before, name, labels);
}

/// <summary>Files of the repository (found from the test's output folder upwards).</summary>
internal static class Repository
{
    private static readonly Regex Metric = new(@"\bactororders_[a-z0-9_]+", RegexOptions.Compiled);

    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorOrders.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ActorOrders.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    /// <summary>The metric names a text uses; a histogram's series (_bucket, _sum, _count) count as themselves.</summary>
    public static IEnumerable<string> MetricNames(string text) => Metric.Matches(text).Select(m => m.Value).Distinct();
}

/// <summary>The alert rules load in promtool (Debian's prometheus package) and the k8s PrometheusRule holds the same groups.</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public void The_prometheus_rule_wraps_exactly_the_rules_file()
    {
        var plain = Repository.Read("config/prometheus/alerts.yml");
        var wrapped = Repository.Read("k8s/observability/prometheusrule.yaml");
        var groups = plain[plain.IndexOf("groups:", StringComparison.Ordinal)..].TrimEnd().Split('\n').Select(l => l.Length == 0 ? l : "  " + l);
        var spec = wrapped[(wrapped.IndexOf("spec:\n", StringComparison.Ordinal) + "spec:\n".Length)..].TrimEnd();
        spec.ShouldBe(string.Join('\n', groups), "k8s/observability/prometheusrule.yaml's spec is config/prometheus/alerts.yml indented by two");
    }

    // Skipped with its reason when promtool is not on PATH, failed instead under CI=true (.ci/run installs Debian's prometheus).
    [ToolFact("promtool")]
    public async Task Promtool_checks_the_rules_file()
    {
        var file = Path.Combine(Repository.Root, "config/prometheus/alerts.yml");
        using var process = Process.Start(new ProcessStartInfo(ToolFactAttribute.Find("promtool") ?? "promtool", ["check", "rules", file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, output);
        output.ShouldContain("SUCCESS: 6 rules found");
    }
}
