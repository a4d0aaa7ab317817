using ActorOrders.Node.Http;
using ActorOrders.Node.Settings;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorOrders.Node.Wiring;

/// <summary>Whether the node has been asked to stop (SIGTERM, Ctrl+C): from then on it is not ready.</summary>
public sealed class NodeLifecycle
{
    private int _stopping;

    public bool Stopping => Volatile.Read(ref _stopping) == 1;

    internal bool MarkStopping() => Interlocked.Exchange(ref _stopping, 1) == 0;
}

/// <summary>
/// The graceful stop, in order: readiness turns false at once (load balancers and Kubernetes take the node
/// out of rotation), HTTP goes on serving for Cluster:DrainDelay, then the host stops Kestrel (requests in
/// flight finish) and Akka.Hosting runs CoordinatedShutdown: the shards hand off to the other nodes, the
/// node leaves the cluster, the process exits 0 — all within Cluster:ShutdownTimeout.
/// </summary>
public static class LifecycleWiring
{
    public const string StoppingCheck = "not-stopping";

    public static IServiceCollection AddNodeLifecycle(this IServiceCollection services, ClusterSettings settings)
    {
        var lifecycle = new NodeLifecycle();
        services.AddSingleton(lifecycle);
        services.AddHostedService(sp => new DrainOnStop(lifecycle, settings.DrainDelay, sp.GetRequiredService<ILogger<DrainOnStop>>()));
        services.AddHealthChecks().AddCheck(StoppingCheck,
            () => lifecycle.Stopping ? HealthCheckResult.Unhealthy("The node is stopping (shards hand off, then it leaves the cluster).") : HealthCheckResult.Healthy(),
            tags: [NodeEndpoints.ReadyTag]);
        return services;
    }

    // StoppingAsync runs before any hosted service stops (Kestrel, Akka): the node still serves while it waits.
    internal sealed class DrainOnStop(NodeLifecycle lifecycle, TimeSpan drainDelay, ILogger<DrainOnStop> log) : IHostedLifecycleService
    {
        public async Task StoppingAsync(CancellationToken cancellationToken)
        {
            if (!lifecycle.MarkStopping()) return;
            log.LogInformation("Stopping: /health/ready answers 503 from now on; serving {DrainDelay} s more, then the shards hand off and the node leaves the cluster",
                drainDelay.TotalSeconds);
            if (drainDelay <= TimeSpan.Zero) return;
            try
            {
                // A deliberate wait: the time load balancers need to see the node unready (Cluster:DrainDelay).
                await Task.Delay(drainDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // the host's stop deadline: go on stopping
            }
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
