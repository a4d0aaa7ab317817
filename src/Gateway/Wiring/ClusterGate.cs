using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;
using ActorOrders.Http;

namespace ActorOrders.Gateway.Wiring;

/// <summary>
/// Whether asking the cluster can succeed now: this member is Up and at least one member with role
/// <c>node</c> is Up, reachable and still connected. When not, a request is answered 503 at once
/// instead of waiting out its ask timeout for a node that is known to be gone. Reads the cluster's
/// state view, which Akka keeps current from membership events, so a check costs no message.
/// </summary>
public sealed class ClusterGate
{
    /// <summary>Retry-After of a request refused because the cluster is not ready.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a lost connection counts against a node. A killed process closes its sockets at once,
    /// seconds before the failure detector marks it unreachable; after this the detector's verdict stands alone.
    /// </summary>
    public static readonly TimeSpan DisconnectedFor = TimeSpan.FromSeconds(10);

    private Cluster? _cluster;
    private readonly ConcurrentDictionary<Address, DateTime> _disconnected = new();

    // Cancelled (and replaced) when the last node is lost: asks already waiting for it end at once.
    private CancellationTokenSource _lost = new();

    /// <summary>Null when ready, else why not.</summary>
    public string? NotReady()
    {
        if (_cluster is null) return "The gateway's actor system is starting.";
        if (_cluster.SelfMember.Status != MemberStatus.Up)
            return $"The gateway is not an Up member of the cluster (it is {_cluster.SelfMember.Status}).";
        var state = _cluster.State;
        foreach (var member in state.Members)
        {
            if (member.Status == MemberStatus.Up && member.HasRole(GatewayWiring.NodeRole) && !state.Unreachable.Contains(member) && !Disconnected(member.Address))
                return null;
        }

        return "No order node is reachable.";
    }

    /// <summary>
    /// Throws <see cref="OrderServiceUnavailableException"/> when not ready; else a token that is cancelled
    /// should every node be lost while the request waits (pass it to the ask, see <see cref="AskAsync"/>).
    /// </summary>
    public CancellationToken EnsureReady()
    {
        // Taken before the check: a loss right after it still cancels this token.
        var lost = Volatile.Read(ref _lost).Token;
        if (NotReady() is { } why) throw new OrderServiceUnavailableException(why, RetryAfter);
        return lost;
    }

    /// <summary>
    /// Asks <paramref name="actor"/> once the gate is open; the wait ends with 503 at once when the last node
    /// is lost meanwhile, or after <paramref name="timeout"/> (the caller maps AskTimeoutException), or when the client goes away.
    /// </summary>
    public async Task<object> AskAsync(IActorRef actor, object message, TimeSpan timeout, CancellationToken ct)
    {
        var lost = EnsureReady();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lost);
        try
        {
            return await actor.Ask<object>(message, timeout, linked.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new OrderServiceUnavailableException("The order node was lost while the request waited for it.", RetryAfter);
        }
    }

    // After a connection dropped: when no node is left, end every wait for one.
    private void Refresh()
    {
        if (NotReady() is null) return;
        Interlocked.Exchange(ref _lost, new CancellationTokenSource()).Cancel();
    }

    /// <summary>Starts watching <paramref name="system"/>'s membership and connections.</summary>
    public void Watch(ActorSystem system)
    {
        system.ActorOf(Props.Create(() => new ConnectionWatcher(this)), "cluster-gate-connections");
        _cluster = Cluster.Get(system);
    }

    private bool Disconnected(Address address) =>
        _disconnected.TryGetValue(address, out var since) && DateTime.UtcNow - since < DisconnectedFor;

    private sealed class ConnectionWatcher : ReceiveActor
    {
        public ConnectionWatcher(ClusterGate gate)
        {
            Receive<DisassociatedEvent>(e =>
            {
                gate._disconnected[e.RemoteAddress] = DateTime.UtcNow;
                gate.Refresh();
            });
            Receive<AssociatedEvent>(e => gate._disconnected.TryRemove(e.RemoteAddress, out _));
        }

        protected override void PreStart()
        {
            Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
            Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        }

        protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
    }
}
