// The gateway joins the cluster as a proxy-only member and serves the order endpoints of
// src/Orders.Http through a shard region proxy. Until its issue lands, the node serves those
// endpoints itself (src/Cluster.Node); this host only answers its liveness probe.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5090");
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live", role = "gateway (not yet a cluster member)" }));
app.Run();
