using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace ActorOrders.Http.Telemetry;

/// <summary>
/// Exports the recorded (non-observable) counters and histograms of the <c>ActorOrders.*</c> meters on
/// <c>/metrics</c>. prometheus-net 8.2's meter adapter exports their observable instruments only (a plain
/// counter or histogram never shows, as the Kafka meter found), so this listener forwards each measurement to
/// a prometheus-net metric of its own: <c>{meter}_{instrument}</c> with dots as underscores, counters with
/// <c>_total</c>, histograms with their unit (<c>_seconds</c> for "s") and the instrument's advised buckets.
/// One per process (the registry is process-wide); labels are the tags of the instrument's first measurement.
/// </summary>
public static class MeterBridge
{
    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<Instrument, Exported> Metrics = new();
    private static MeterListener? _listener;

    /// <summary>Starts the listener once per process.</summary>
    public static void EnsureStarted()
    {
        lock (Gate)
        {
            if (_listener is not null) return;
            var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name.StartsWith("ActorOrders.", StringComparison.Ordinal) && instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ||
                        instrument.Meter.Name.StartsWith("ActorOrders.", StringComparison.Ordinal) && instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal))
                        l.EnableMeasurementEvents(instrument);
                },
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
            listener.Start();
            _listener = listener;
        }
    }

    /// <summary>The Prometheus name of an instrument: <c>actororders_orders_step_duration_seconds</c>, <c>actororders_orders_placed_total</c>.</summary>
    public static string NameOf(Instrument instrument)
    {
        var name = (instrument.Meter.Name + "_" + instrument.Name).Replace('.', '_').ToLowerInvariant();
        if (instrument.Unit == "s") name += "_seconds";
        return instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // The tags are copied only the first time an instrument is seen (GetOrAdd's argument would copy them every time).
        if (!Metrics.TryGetValue(instrument, out var exported)) exported = Metrics.GetOrAdd(instrument, Create(instrument, tags.ToArray()));
        var values = new string[exported.Labels.Length];
        for (var n = 0; n < values.Length; n++)
        {
            values[n] = "";
            foreach (var tag in tags)
            {
                if (tag.Key == exported.Labels[n]) values[n] = Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            }
        }

        switch (exported.Metric)
        {
            case Counter c:
                c.WithLabels(values).Inc(value);
                break;
            case Histogram h:
                h.WithLabels(values).Observe(value);
                break;
        }
    }

    private static Exported Create(Instrument instrument, KeyValuePair<string, object?>[] tags)
    {
        var labels = tags.Select(t => t.Key).Order(StringComparer.Ordinal).ToArray();
        var help = instrument.Description ?? instrument.Name;
        var name = NameOf(instrument);
        if (instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal))
            return new Exported(Prometheus.Metrics.CreateCounter(name, help, labels), labels);
        var buckets = instrument switch
        {
            Histogram<double> d when d.Advice?.HistogramBucketBoundaries is { } b => b.ToArray(),
            Histogram<int> i when i.Advice?.HistogramBucketBoundaries is { } b => b.Select(x => (double)x).ToArray(),
            Histogram<long> l when l.Advice?.HistogramBucketBoundaries is { } b => b.Select(x => (double)x).ToArray(),
            _ => Histogram.ExponentialBuckets(0.001, 2, 16),
        };
        return new Exported(Prometheus.Metrics.CreateHistogram(name, help, new HistogramConfiguration { LabelNames = labels, Buckets = buckets }), labels);
    }

    private sealed record Exported(Collector Metric, string[] Labels);
}
