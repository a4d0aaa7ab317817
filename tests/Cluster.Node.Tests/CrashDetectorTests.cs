using System.Net;
using System.Net.Sockets;
using ActorOrders.Membership;
using Akka.Cluster;

namespace ActorOrders.Node.Tests;

/// <summary>
/// The crash detector's two halves: the probe of a remoting port (real sockets on loopback) and the decision to down
/// a member whose port refuses connections. Its effect in a real cluster (a SIGKILLed node downed before the resolver
/// would have) is checked by the multi-node failover tests.
/// </summary>
public sealed class CrashDetectorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_port_something_listens_on_is_listening()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        (await CrashDetector.ProbeAsync("127.0.0.1", port, Timeout, CancellationToken.None)).ShouldBe(PortProbe.Listening);
    }

    [Fact]
    public async Task A_port_whose_listener_has_gone_refuses()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
            (await CrashDetector.ProbeAsync("127.0.0.1", port, Timeout, CancellationToken.None)).ShouldBe(PortProbe.Listening);
            listener.Stop();
        }

        (await CrashDetector.ProbeAsync("127.0.0.1", port, Timeout, CancellationToken.None)).ShouldBe(PortProbe.Refused);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_proves_nothing()
    {
        (await CrashDetector.ProbeAsync("member-that-is-gone.invalid", 4053, Timeout, CancellationToken.None)).ShouldBe(PortProbe.Inconclusive);
    }

    private static MemberView Node(string id, MemberStatus status = MemberStatus.Up, bool reachable = true) => new(id, status, Votes: true, reachable);

    [Fact]
    public void A_node_that_sees_the_others_of_three_downs_the_one_that_refuses()
    {
        var members = new[] { Node("a"), Node("b"), Node("c"), new MemberView("participants", MemberStatus.Up, Votes: false, Reachable: true) };

        CrashDetector.Decide(members, self: "a", suspect: "c").ShouldBe(CrashVerdict.Down);
    }

    [Fact]
    public void Two_nodes_leave_it_to_the_resolver_since_neither_side_is_a_majority()
    {
        CrashDetector.Decide([Node("a"), Node("b")], self: "a", suspect: "b").ShouldBe(CrashVerdict.NoMajority);
    }

    [Fact]
    public void A_node_that_sees_another_node_unreachable_too_may_be_on_the_minority_side()
    {
        CrashDetector.Decide([Node("a"), Node("b", reachable: false), Node("c"), Node("d")], self: "a", suspect: "c").ShouldBe(CrashVerdict.NoMajority);
        CrashDetector.Decide([Node("a"), Node("b", reachable: false), Node("c"), Node("d"), Node("e")], self: "a", suspect: "c").ShouldBe(CrashVerdict.Down);
    }

    [Fact]
    public void Members_that_do_not_vote_never_down()
    {
        var members = new[] { Node("a"), Node("b"), Node("c"), new MemberView("gateway", MemberStatus.Up, Votes: false, Reachable: true) };

        CrashDetector.Decide(members, self: "gateway", suspect: "c").ShouldBe(CrashVerdict.NotVoting);
        CrashDetector.Decide([Node("a", MemberStatus.Leaving), Node("b"), Node("c")], self: "a", suspect: "c").ShouldBe(CrashVerdict.NotVoting);
    }

    [Theory]
    [InlineData(MemberStatus.Leaving)]
    [InlineData(MemberStatus.Exiting)]
    [InlineData(MemberStatus.Down)]
    public void A_member_leaving_or_already_down_is_left_alone(MemberStatus status)
    {
        CrashDetector.Decide([Node("a"), Node("b"), Node("c", status)], self: "a", suspect: "c").ShouldBe(CrashVerdict.NotUp);
    }

    [Fact]
    public void A_suspect_that_is_no_longer_a_member_is_left_alone()
    {
        // A restarted process is a new incarnation (another id): the old one is no longer listed.
        CrashDetector.Decide([Node("a"), Node("b"), Node("c#2")], self: "a", suspect: "c#1").ShouldBe(CrashVerdict.NotUp);
    }
}
