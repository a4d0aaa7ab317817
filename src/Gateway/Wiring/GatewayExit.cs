using Akka;
using Akka.Actor;

namespace ActorOrders.Gateway.Wiring;

/// <summary>
/// The gateway's exit code. A gateway whose member was downed (or whose actor system shut down for any
/// reason but the host's own stop) cannot serve again: it stops the host and exits with
/// <see cref="Downed"/>, so a supervisor (systemd, Kubernetes) starts a fresh member instead of it lingering half-alive.
/// </summary>
public sealed class GatewayExit(IHostApplicationLifetime lifetime, ILogger<GatewayExit> log)
{
    /// <summary>The exit code after the member was downed or the actor system shut down unasked.</summary>
    public const int Downed = 3;

    private volatile bool _hostStopping;
    private volatile int _code;

    /// <summary>0 unless the actor system shut down under the host.</summary>
    public int Code => _code;

    /// <summary>
    /// Decides the exit code when <paramref name="system"/>'s coordinated shutdown starts: on SIGTERM / Ctrl+C
    /// the host or the process-exit hook starts it (then 0), while a downed member's starts before either knows (then 3).
    /// </summary>
    public void Watch(ActorSystem system)
    {
        lifetime.ApplicationStopping.Register(() => _hostStopping = true);
        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeServiceUnbind, "gateway-exit-code", () =>
        {
            Decide(shutdown.ShutdownReason);
            return Task.FromResult(Done.Instance);
        });
        _ = system.WhenTerminated.ContinueWith(_ =>
        {
            Decide(shutdown.ShutdownReason);
            lifetime.StopApplication();
        }, TaskScheduler.Default);
    }

    // SIGTERM / Ctrl+C may reach Akka's own process-exit hook (ClrExitReason) before the host: a stop asked for too.
    private void Decide(CoordinatedShutdown.Reason? reason)
    {
        if (_hostStopping || _code != 0 || reason is CoordinatedShutdown.ClrExitReason) return;
        _code = Downed;
        log.LogCritical(
            "The actor system is shutting down without the host asking ({Reason}){Downed}: the gateway stops and exits with code {Code} so that its supervisor starts a new one.",
            reason?.ToString() ?? "no reason given",
            reason is CoordinatedShutdown.ClusterDowningReason ? "; this member was downed" : "",
            Downed);
    }
}
