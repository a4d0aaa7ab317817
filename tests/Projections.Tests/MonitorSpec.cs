using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorOrders.Projections.Tests;

public class MonitorSpec
{
    private const string Name = "monitor-spec-view";

    [Fact]
    public void Publishes_lag_offset_and_handled_events_tagged_by_projection_and_slice_only()
    {
        using var monitor = new ProjectionMonitor();
        var seen = new ConcurrentBag<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProjectionMonitor.MeterName) l.EnableMeasurementEvents(instrument);
        };
        // Other tests' monitors publish on the same meter name: keep this test's projection only.
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();

        monitor.Started(Name, 1, storedOffset: 10, backfilling: false);
        monitor.BatchHandled(Name, 1, events: 7, storedOffset: 17);
        monitor.LagMeasured(Name, 1, storedOffset: 17, events: 3, seconds: 1.5);
        listener.RecordObservableInstruments();

        Value(ProjectionMonitor.EventsInstrument).ShouldBe(7);
        Value(ProjectionMonitor.LagEventsInstrument).ShouldBe(3);
        Value(ProjectionMonitor.LagSecondsInstrument).ShouldBe(1.5);
        Value(ProjectionMonitor.OffsetInstrument).ShouldBe(17);
        Value(ProjectionMonitor.RunningInstrument).ShouldBe(1);
        seen.ShouldAllBe(m => m.Tags.Count == 2 && (string)m.Tags["projection"]! == Name && (string)m.Tags["slice"]! == "1");

        // What prometheus-net's meter adapter will call them: {meter}_{instrument}, lower case, '.' → '_'.
        seen.Select(m => PrometheusName(m.Name)).Distinct().Order().ShouldBe([
            "actororders_projections_events", "actororders_projections_lag_events", "actororders_projections_lag_seconds",
            "actororders_projections_offset", "actororders_projections_running"]);

        var status = monitor.Get(Name, 1).ShouldNotBeNull();
        (status.Running, status.StoredOffset, status.EventsHandled, status.LagEvents).ShouldBe((true, 17L, 7L, (long?)3));
        monitor.Snapshot().Count.ShouldBe(1);

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var map = Tags(tags);
            if (map.TryGetValue("projection", out var p) && p as string == Name) seen.Add((instrument.Name, value, map));
        }

        double Value(string name) => seen.Where(m => m.Name == name).ShouldHaveSingleItem().Value;
    }

    private static string PrometheusName(string instrument) =>
        string.Concat($"{ProjectionMonitor.MeterName}_{instrument}".Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_'));

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>();
        foreach (var t in tags) map[t.Key] = t.Value;
        return map;
    }
}
