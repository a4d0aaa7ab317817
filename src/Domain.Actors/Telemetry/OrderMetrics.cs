using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActorOrders.Contracts;
using ActorOrders.Domain.Messages;

namespace ActorOrders.Domain.Telemetry;

/// <summary>
/// The <c>ActorOrders.Orders</c> <see cref="Meter"/>: what the order entities did, counted when their events are
/// stored (never during recovery, so a restart does not count an order twice). prometheus-net's meter adapter
/// exports them as <c>actororders_orders_{instrument}</c> (dots become underscores). Tags are actions, results,
/// outcomes and states only — never an order id. One meter per process: several nodes in one process (tests) add up.
/// </summary>
/// <remarks>
/// Instruments: counters <c>placed</c>, <c>finished</c> {outcome}, <c>step.retries</c> {action},
/// <c>step.attempt.timeouts</c> {action}, <c>step.exhausted</c> {action}, <c>compensations</c> {action, result},
/// <c>attention.required</c> (entries into AttentionRequired), <c>recoveries</c> {state}; histograms
/// <c>step.duration</c> (s) and <c>step.attempts</c> {action, result}, <c>persist.duration</c> (s) and
/// <c>persist.batch.events</c> (the order's view of a journal write: from PersistAll to its last callback);
/// observable gauge <c>in.flight</c> {state}: the running, unfinished orders of this process by status.
/// </remarks>
public static class OrderMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ActorOrders.Orders";

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<LocalOrderViews, byte> Running = new(ReferenceEqualityComparer.Instance);

    private static readonly Counter<long> Placed = Meter.CreateCounter<long>("placed", description: "Orders placed (OrderPlaced stored).");
    private static readonly Counter<long> Finished = Meter.CreateCounter<long>("finished", description: "Orders that reached a final status, by outcome.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("step.retries", description: "Failed attempts of a step that are retried (StepAttemptFailed stored), by action.");
    private static readonly Counter<long> AttemptTimeouts = Meter.CreateCounter<long>("step.attempt.timeouts", description: "Attempts of a step that got no answer within the step timeout, by action.");
    private static readonly Counter<long> Exhausted = Meter.CreateCounter<long>("step.exhausted", description: "Steps that used all their attempts without a usable answer, by action.");
    private static readonly Counter<long> Compensations = Meter.CreateCounter<long>("compensations", description: "Compensation steps that ended, by action and result (succeeded or stalled).");
    private static readonly Counter<long> Attention = Meter.CreateCounter<long>("attention.required", description: "Times an order stopped in AttentionRequired (a compensation kept failing).");
    private static readonly Counter<long> Recoveries = Meter.CreateCounter<long>("recoveries", description: "Order entities recovered from the journal, by the state they recovered to (running, finished, empty).");

    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram(
        "step.duration", unit: "s", description: "Time from a step's start to its outcome, by action and result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Histogram<int> StepAttempts = Meter.CreateHistogram(
        "step.attempts", description: "Attempts a step took, by action and result.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 5, 10] });

    private static readonly Histogram<double> PersistDuration = Meter.CreateHistogram(
        "persist.duration", unit: "s", description: "Time from an order's PersistAll to its last event's callback (the journal write as the order sees it).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Histogram<int> PersistBatch = Meter.CreateHistogram(
        "persist.batch.events", description: "Events an order wrote in one PersistAll.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 3, 5] });

    static OrderMetrics() =>
        Meter.CreateObservableGauge("in.flight", ObserveInFlight, description: "Unfinished orders running in this process, by status.");

    /// <summary>Counts the orders of <paramref name="views"/> in <c>in.flight</c> until the returned handle is disposed.</summary>
    public static IDisposable ObserveRunning(LocalOrderViews views)
    {
        Running[views] = 0;
        return new Unregister(views);
    }

    /// <summary>The unfinished orders of every observed view store, by status (what <c>in.flight</c> exports).</summary>
    public static IReadOnlyDictionary<OrderStatus, int> InFlight()
    {
        var counts = new Dictionary<OrderStatus, int>();
        foreach (var views in Running.Keys)
        {
            foreach (var (status, n) in views.RunningByStatus()) counts[status] = counts.GetValueOrDefault(status) + n;
        }

        return counts;
    }

    internal static void OrderPlaced() => Placed.Add(1);

    internal static void OrderFinished(OrderStatus outcome) => Finished.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    internal static void Retry(ParticipantAction action) => Retries.Add(1, Action(action));

    internal static void AttemptTimedOut(ParticipantAction action) => AttemptTimeouts.Add(1, Action(action));

    internal static void StepExhausted(ParticipantAction action) => Exhausted.Add(1, Action(action));

    internal static void Compensation(ParticipantAction action, bool succeeded) =>
        Compensations.Add(1, Action(action), new KeyValuePair<string, object?>("result", succeeded ? "succeeded" : "stalled"));

    internal static void AttentionRequired() => Attention.Add(1);

    internal static void Recovered(string state) => Recoveries.Add(1, new KeyValuePair<string, object?>("state", state));

    internal static void StepEnded(ParticipantAction action, string result, TimeSpan duration, int attempts)
    {
        var tags = new TagList { { "action", action.ToString() }, { "result", result } };
        StepDuration.Record(duration.TotalSeconds, tags);
        StepAttempts.Record(attempts, tags);
    }

    internal static void Persisted(int events, TimeSpan duration)
    {
        PersistDuration.Record(duration.TotalSeconds);
        PersistBatch.Record(events);
    }

    private static KeyValuePair<string, object?> Action(ParticipantAction action) => new("action", action.ToString());

    private static IEnumerable<Measurement<int>> ObserveInFlight()
    {
        var counts = InFlight();
        // Every unfinished status is always exported (0 included), so a rule or a panel never sees a series vanish.
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            if (OrderViews.IsFinal(status) || status == OrderStatus.Placed) continue;
            yield return new Measurement<int>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>("state", status.ToString()));
        }
    }

    private sealed class Unregister(LocalOrderViews views) : IDisposable
    {
        public void Dispose() => Running.TryRemove(views, out _);
    }
}
