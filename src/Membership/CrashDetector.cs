using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Remote;

namespace ActorOrders.Membership;

/// <summary>
/// Downs a member whose process is gone, without waiting for the failure detector and the split brain resolver's
/// stable-after: when a connection to a member drops (or it is marked unreachable), its remoting port is dialled a few
/// times; if nothing listens there any more (every connect refused), the process that was that member has exited —
/// a live member always listens on its remoting port — and it is downed at once. Anything else (the port answers,
/// a timeout, a name that no longer resolves) proves nothing, and the failure detector and the resolver decide as
/// usual: a partition, a hung or an overloaded member never meet this path. The member downed is also quarantined
/// (that incarnation will never answer again), which marks it terminated, so that the leader removes it at once instead
/// of after the failure detector's pause.
/// </summary>
/// <remarks>
/// Only an order node acts, only while it sees a strict majority of the order nodes reachable (counting the suspect
/// among them), and only on a member that is Up: a member leaving gracefully, a minority side and a two-node cluster
/// leave the decision to the resolver. The one case where a refused connect does not mean an exited process is a
/// firewall between members that answers with TCP resets (REJECT rather than DROP): turn this off there
/// (<see cref="MembershipSettings.DownCrashedMembers"/>).
/// </remarks>
public sealed class CrashDetector : ReceiveActor, IWithTimers
{
    private readonly Akka.Cluster.Cluster _cluster = Akka.Cluster.Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CrashDetectorOptions _options;
    private readonly string _role;
    private readonly Dictionary<UniqueAddress, Suspect> _suspects = [];

    public CrashDetector(string role, CrashDetectorOptions options)
    {
        _role = role;
        _options = options;

        Receive<DisassociatedEvent>(e => OnSuspect(e.RemoteAddress, "its connection closed"));
        Receive<ClusterEvent.UnreachableMember>(e => OnSuspect(e.Member.Address, "it was marked unreachable"));
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<Probed>(OnProbed);
        Receive<ProbeAgain>(p =>
        {
            if (_suspects.TryGetValue(p.Member, out var s)) Probe(p.Member, s);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of the detector of a member with role <paramref name="role"/> (the role that votes).</summary>
    public static Props Props(string role, CrashDetectorOptions options) =>
        Akka.Actor.Props.Create(() => new CrashDetector(role, options));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.UnreachableMember));
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _cluster.Unsubscribe(Self);
    }

    private void OnSuspect(Address address, string why)
    {
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address.Equals(address));
        if (member is null || member.UniqueAddress.Equals(_cluster.SelfUniqueAddress) || member.Status != MemberStatus.Up) return;
        if (_suspects.ContainsKey(member.UniqueAddress)) return;
        if (address.Host is not { Length: > 0 } host || address.Port is not { } port) return;
        _log.Debug("Crash detector: {0} {1}; checking whether its remoting port {2}:{3} still listens", address, why, host, port);
        var suspect = new Suspect(host, port);
        _suspects[member.UniqueAddress] = suspect;
        Probe(member.UniqueAddress, suspect);
    }

    private void Probe(UniqueAddress member, Suspect suspect) =>
        ProbeAsync(suspect.Host, suspect.Port, _options.ConnectTimeout, CancellationToken.None)
            .PipeTo(Self, success: r => new Probed(member, r), failure: _ => new Probed(member, PortProbe.Inconclusive));

    private void OnProbed(Probed p)
    {
        if (!_suspects.TryGetValue(p.Member, out var suspect)) return;
        if (p.Result != PortProbe.Refused)
        {
            _suspects.Remove(p.Member);
            _log.Debug("Crash detector: {0}'s remoting port {1}; the failure detector and the resolver decide", p.Member.Address, p.Result == PortProbe.Listening ? "still listens" : "gave no answer");
            return;
        }

        suspect.Refusals++;
        if (suspect.Refusals < _options.Refusals)
        {
            Timers.StartSingleTimer(p.Member, new ProbeAgain(p.Member), _options.ProbeInterval);
            return;
        }

        _suspects.Remove(p.Member);
        var verdict = Decide(Views(_cluster.State, _role), Id(_cluster.SelfUniqueAddress), Id(p.Member));
        if (verdict == CrashVerdict.Down)
        {
            _log.Warning(
                "Crash detector: nothing listens on {0}'s remoting port {1}:{2} any more ({3} connects refused): its process is gone; downing it without waiting for the split brain resolver",
                p.Member.Address, suspect.Host, suspect.Port, suspect.Refusals);
            _cluster.Down(p.Member.Address);
            // A member that is down but still counts as reachable is removed only once the failure detector marks it
            // unreachable (its pause again). Quarantining that incarnation (it is gone and never comes back) marks it
            // terminated at once, and the leader removes it at its next round.
            ((IRemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Quarantine(p.Member.Address, p.Member.Uid);
        }
        else
        {
            _log.Info("Crash detector: {0} refuses connections but is not downed here ({1}); the split brain resolver decides", p.Member.Address, verdict);
        }
    }

    /// <summary>
    /// Whether member <paramref name="self"/> may down <paramref name="suspect"/>, a member whose remoting port refuses
    /// connections, given every member as self sees it: self votes and is Up, the suspect is still that incarnation
    /// and Up, and self sees a strict majority of the voting members (Up or Leaving, the suspect counted) reachable.
    /// </summary>
    public static CrashVerdict Decide(IReadOnlyCollection<MemberView> members, string self, string suspect)
    {
        var me = members.FirstOrDefault(m => m.Id == self);
        if (me is not { Votes: true, Status: MemberStatus.Up }) return CrashVerdict.NotVoting;
        if (members.FirstOrDefault(m => m.Id == suspect) is not { Status: MemberStatus.Up }) return CrashVerdict.NotUp;
        var voters = members.Where(m => m.Votes && m.Status is MemberStatus.Up or MemberStatus.Leaving).ToList();
        var reachable = voters.Count(m => m.Id != suspect && m.Reachable);
        return reachable * 2 > voters.Count ? CrashVerdict.Down : CrashVerdict.NoMajority;
    }

    private static IReadOnlyCollection<MemberView> Views(ClusterEvent.CurrentClusterState state, string role)
    {
        var unreachable = state.Unreachable.Select(m => m.UniqueAddress).ToHashSet();
        return [.. state.Members.Select(m => new MemberView(Id(m.UniqueAddress), m.Status, m.HasRole(role), !unreachable.Contains(m.UniqueAddress)))];
    }

    private static string Id(UniqueAddress a) => $"{a.Address}#{a.Uid}";

    /// <summary>Dials <paramref name="host"/>:<paramref name="port"/> once and hangs up.</summary>
    public static async Task<PortProbe> ProbeAsync(string host, int port, TimeSpan timeout, CancellationToken cancellation)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, deadline.Token);
            socket.Shutdown(SocketShutdown.Both);
            return PortProbe.Listening;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return PortProbe.Refused;
        }
        catch (SocketException)
        {
            return PortProbe.Inconclusive;
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return PortProbe.Inconclusive;
        }
    }

    private sealed class Suspect(string host, int port)
    {
        public string Host { get; } = host;

        public int Port { get; } = port;

        public int Refusals { get; set; }
    }

    private sealed record Probed(UniqueAddress Member, PortProbe Result);

    private sealed record ProbeAgain(UniqueAddress Member);
}

/// <summary>A member as the detector sees it: <paramref name="Votes"/> when it has the voting role, <paramref name="Reachable"/> unless marked unreachable.</summary>
public sealed record MemberView(string Id, MemberStatus Status, bool Votes, bool Reachable);

/// <summary>What one connect to a member's remoting port showed.</summary>
public enum PortProbe
{
    /// <summary>Something accepted the connection: the process (or a new incarnation) is there.</summary>
    Listening,

    /// <summary>The host answered that nothing listens on the port.</summary>
    Refused,

    /// <summary>No answer in time, or the name did not resolve: proves nothing.</summary>
    Inconclusive,
}

/// <summary>The detector's decision on a member that refuses connections.</summary>
public enum CrashVerdict
{
    /// <summary>Down it now.</summary>
    Down,

    /// <summary>This member does not vote (not an order node, or not Up): the resolver decides.</summary>
    NotVoting,

    /// <summary>The suspect is no longer that incarnation, or not Up (leaving, already down): nothing to do.</summary>
    NotUp,

    /// <summary>This member does not see a strict majority of the voters: it may be on the minority side.</summary>
    NoMajority,
}

/// <summary>How the detector dials a suspect.</summary>
/// <param name="Refusals">Connects in a row that must be refused.</param>
/// <param name="ProbeInterval">Pause between them.</param>
/// <param name="ConnectTimeout">How long one connect may take before it counts as no answer.</param>
public sealed record CrashDetectorOptions(int Refusals, TimeSpan ProbeInterval, TimeSpan ConnectTimeout)
{
    /// <summary>Three refusals 200 ms apart, 1 s per connect.</summary>
    public static readonly CrashDetectorOptions Default = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
}
