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
app.Run();
