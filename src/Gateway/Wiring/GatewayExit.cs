using Akka.Actor;

namespace ActorOrders.Gateway.Wiring;

/// <summary>
/// The gateway's exit code. A gateway whose member was downed (or whose actor system ended for any
/// reason but the host's own stop) cannot serve again: it stops the host and exits with
/// <see cref="Downed"/>, so a supervisor (systemd, Kubernetes) starts a fresh member instead of it lingering half-alive.
/// </summary>
public sealed class GatewayExit(IHostApplicationLifetime lifetime, ILogger<GatewayExit> log)
{
    /// <summary>The exit code after the member was downed or the actor system ended unasked.</summary>
    public const int Downed = 3;

    /// <summary>0 unless the actor system ended under the host.</summary>
    public int Code { get; private set; }

    /// <summary>Exits the process through the host when <paramref name="system"/> terminates without the host asking for it.</summary>
    public void Watch(ActorSystem system) =>
        _ = system.WhenTerminated.ContinueWith(_ =>
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested) return;
            var reason = CoordinatedShutdown.Get(system).ShutdownReason;
            Code = Downed;
            log.LogCritical(
                "The actor system terminated ({Reason}){Downed}: the gateway exits with code {Code} so that its supervisor starts a new one.",
                reason?.ToString() ?? "no reason given",
                reason is CoordinatedShutdown.ClusterDowningReason ? ", this member was downed" : "",
                Downed);
            lifetime.StopApplication();
        }, TaskScheduler.Default);
}
