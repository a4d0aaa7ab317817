using ActorOrders.Floor;

// The HTTP floor: Kestrel and routing answering fixed bytes, nothing else. What LoadGen measures
// here is the least any ASP.NET Core server on this machine can spend per request, so the node's
// figures can be read as "floor + the order path".
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls("http://127.0.0.1:5090");

var app = builder.Build();
app.MapGet("/orders/{id}", () => FixedJson.OrderView);
app.MapPost("/orders", () => FixedJson.Placed);
app.MapGet("/health/live", () => "Healthy");
app.MapGet("/health/ready", () => "Healthy");

// A stand-in OTLP/HTTP collector (bench/telemetry-cost.sh points a node's trace exporter here): it reads and
// drops each export, answers 200 with an empty ExportTraceServiceResponse, and counts what it got.
long exports = 0, bytes = 0;
app.MapPost("/v1/traces", async (HttpRequest request) =>
{
    var buffer = new byte[16 * 1024];
    int read;
    while ((read = await request.Body.ReadAsync(buffer)) > 0) Interlocked.Add(ref bytes, read);
    Interlocked.Increment(ref exports);
    return Results.Bytes([], "application/x-protobuf");
});
app.MapGet("/otlp/received", () => Results.Json(new { exports = Interlocked.Read(ref exports), bytes = Interlocked.Read(ref bytes) }));
app.Run();
