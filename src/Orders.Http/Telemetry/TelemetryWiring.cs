using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Prometheus;

namespace ActorOrders.Http.Telemetry;

/// <summary>
/// Tracing of a process serving the order API (node and gateway). Spans come from ASP.NET Core (the HTTP
/// request) and from the <c>ActorOrders.*</c> activity sources (the order entity, Kafka records); the trace
/// context travels in <c>PlaceOrder</c>, is stored on <c>OrderPlaced</c> and goes over Kafka as <c>traceparent</c>.
/// An OTLP exporter is added only when <c>ActorOrders:Telemetry:Otlp:Endpoint</c> is set (off by default:
/// without it no OpenTelemetry SDK runs and nothing is sampled). Log lines carry TraceId and SpanId as scopes.
/// </summary>
public static class TelemetryWiring
{
    /// <summary>The setting with the OTLP collector's URL (e.g. http://127.0.0.1:4317 for gRPC, …:4318 for HTTP/protobuf).</summary>
    public const string OtlpEndpointKey = "ActorOrders:Telemetry:Otlp:Endpoint";

    /// <summary>The setting with the OTLP protocol: <c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public const string OtlpProtocolKey = "ActorOrders:Telemetry:Otlp:Protocol";

    /// <summary>
    /// The setting with the share of new traces recorded and exported, 0 to 1 (default 1: every trace). A request that
    /// arrives with a W3C trace context follows its caller's decision; an order's later spans (steps over Kafka,
    /// retries, compensations) follow the decision taken when it was placed, so a trace is whole or absent.
    /// </summary>
    public const string TraceSampleRatioKey = "ActorOrders:Telemetry:Traces:SampleRatio";

    /// <summary>
    /// The setting that turns the metrics off (<c>true</c> by default): no <c>/metrics</c> endpoint, no HTTP metrics
    /// middleware, no export of the <c>ActorOrders.*</c> meters and none of prometheus-net's default collectors. Meant
    /// for measuring what metrics cost (bench/telemetry-cost.sh); a production node keeps them on.
    /// </summary>
    public const string MetricsEnabledKey = "ActorOrders:Telemetry:Metrics:Enabled";

    /// <summary>The activity sources of ActorOrders (a wildcard for OpenTelemetry's AddSource).</summary>
    public const string Sources = "ActorOrders.*";

    /// <summary>Registers log scopes of the current trace and, when configured, the OTLP trace exporter.</summary>
    public static WebApplicationBuilder AddOrderTelemetry(this WebApplicationBuilder builder, string process)
    {
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var metrics = new OrderMetricsOptions(MetricsEnabled(builder.Configuration));
        builder.Services.AddSingleton(metrics);
        if (metrics.Enabled)
        {
            MeterBridge.EnsureStarted();
            // prometheus-net's meter adapter (started at the first scrape) listens to every instrument of every meter
            // by default: ASP.NET Core's and Kestrel's per-request histograms included, each measurement turned into a
            // label lookup. Only our observable instruments are its job (MeterBridge exports our counters and
            // histograms); nothing the alert rules or the dashboard use comes from another meter.
            Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i => i.IsObservable && i.Meter.Name.StartsWith("ActorOrders.", StringComparison.Ordinal));
            // Its EventCounter adapter (dotnet_* series, which nothing here uses) enables runtime and Kestrel event
            // sources for the life of the process; the process metrics (process_*) stay.
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true });
        }
        else
        {
            Metrics.SuppressDefaultMetrics();
        }
        var ratio = TraceSampleRatio(builder.Configuration);
        var endpoint = builder.Configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint)) return builder;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new Security.ConfigurationRefusedException($"{OtlpEndpointKey} must be an absolute URL (e.g. http://127.0.0.1:4317); it is '{endpoint}'.");
        var protocol = builder.Configuration[OtlpProtocolKey] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new Security.ConfigurationRefusedException($"{OtlpProtocolKey} must be 'grpc' or 'http/protobuf'; it is '{other}'."),
        };

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("actororders-" + process))
            .WithTracing(t => t
                .SetSampler(new ParentBasedSampler(ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio)))
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => Traced(ctx.Request.Path))
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = uri;
                    o.Protocol = protocol;
                }));
        return builder;
    }

    /// <summary>Whether metrics are on (<see cref="MetricsEnabledKey"/>); a value other than true or false is refused, naming the key.</summary>
    public static bool MetricsEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[MetricsEnabledKey] switch
        {
            null or "" => true,
            var v when bool.TryParse(v, out var on) => on,
            var v => throw new Security.ConfigurationRefusedException($"{MetricsEnabledKey} must be true or false; it is '{v}'."),
        };

    /// <summary>The share of new traces sampled (<see cref="TraceSampleRatioKey"/>); anything but a number from 0 to 1 is refused, naming the key.</summary>
    public static double TraceSampleRatio(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[TraceSampleRatioKey] switch
        {
            null or "" => 1.0,
            var v when double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 => r,
            var v => throw new Security.ConfigurationRefusedException($"{TraceSampleRatioKey} must be a number from 0 to 1 (e.g. 0.1 for one trace in ten); it is '{v}'."),
        };

    /// <summary>Serves the Prometheus text at <c>/metrics</c>, unless metrics are off.</summary>
    public static WebApplication MapOrderMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<OrderMetricsOptions>().Enabled) app.MapMetrics("/metrics");
        return app;
    }

    /// <summary>True for requests worth a trace: not probes, scrapes or the board's own polling.</summary>
    public static bool Traced(PathString path) =>
        !(path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/board"));

    /// <summary>The W3C trace context of the current request's span, if any.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.Id : null;
}

/// <summary>Whether this process exports metrics (<see cref="TelemetryWiring.MetricsEnabledKey"/>).</summary>
public sealed record OrderMetricsOptions(bool Enabled);
