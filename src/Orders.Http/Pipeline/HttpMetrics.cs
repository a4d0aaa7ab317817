using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace ActorOrders.Http;

/// <summary>
/// Prometheus metrics of the HTTP API, by route template (never an order id), method and status:
/// <c>actororders_http_requests_total</c>, <c>actororders_http_request_duration_seconds</c>,
/// <c>actororders_http_requests_in_flight</c> and <c>actororders_http_asks_timed_out_total</c>.
/// </summary>
public static class OrderHttpMetrics
{
    private static readonly string[] Labels = ["route", "method", "status"];

    internal static readonly Counter Requests = Metrics.CreateCounter(
        "actororders_http_requests_total", "HTTP requests answered, by route template, method and status.", Labels);

    internal static readonly Histogram Duration = Metrics.CreateHistogram(
        "actororders_http_request_duration_seconds", "Time to answer an HTTP request, by route template, method and status.",
        new HistogramConfiguration { LabelNames = Labels, Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });

    internal static readonly Gauge InFlight = Metrics.CreateGauge(
        "actororders_http_requests_in_flight", "HTTP requests being answered now.");

    internal static readonly Counter AsksTimedOut = Metrics.CreateCounter(
        "actororders_http_asks_timed_out_total", "Requests answered 503 because the cluster did not answer in time.");

    /// <summary>Counts one request that timed out waiting for the cluster.</summary>
    public static void AskTimedOut() => AsksTimedOut.Inc();
}

/// <summary>
/// Measures every request; the route label is the matched endpoint's template ("unmatched" when none). The
/// labelled children are looked up once per route, method and status and kept (a handful of routes), so a request
/// pays a dictionary hit instead of prometheus-net's label-sequence lookup and a status string.
/// </summary>
internal sealed class HttpMetricsMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<(string Route, string Method, int Status), (Counter.Child Requests, Histogram.Child Duration)> Children = new();

    public async Task InvokeAsync(HttpContext ctx)
    {
        var started = Stopwatch.GetTimestamp();
        OrderHttpMetrics.InFlight.Inc();
        try
        {
            await next(ctx);
        }
        finally
        {
            OrderHttpMetrics.InFlight.Dec();
            var route = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = ctx.RequestAborted.IsCancellationRequested && !ctx.Response.HasStarted ? 499 : ctx.Response.StatusCode;
            var key = (route, ctx.Request.Method, status);
            if (!Children.TryGetValue(key, out var children))
            {
                string[] labels = [route, key.Method, status.ToString(CultureInfo.InvariantCulture)];
                children = Children.GetOrAdd(key, (OrderHttpMetrics.Requests.WithLabels(labels), OrderHttpMetrics.Duration.WithLabels(labels)));
            }

            children.Requests.Inc();
            children.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
