using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using ActorOrders.Contracts.Admin;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ActorOrders.Node.Admin;

/// <summary>
/// <c>GET /cluster/events</c> (pbm's <c>cluster tail</c>): membership events as NDJSON, the current
/// members first, until the client disconnects. A <see cref="MembershipTail"/> subscribed to the
/// cluster's events hands them to the response through a bounded channel.
/// </summary>
internal static class MembershipTailRoute
{
    // A reader that stops reading loses the oldest lines, never the node's memory.
    private const int Buffer = 1024;

    public static async Task StreamAsync(AdminContext a, HttpContext http, IOptions<JsonOptions> json)
    {
        var channel = Channel.CreateBounded<MembershipEvent>(new BoundedChannelOptions(Buffer) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        var tail = a.System.ActorOf(Props.Create(() => new MembershipTail(channel.Writer, a.Clock)), $"admin-cluster-tail-{Guid.NewGuid():N}");
        try
        {
            http.Response.ContentType = AdminProtocol.NdJson;
            await http.Response.StartAsync(http.RequestAborted);
            await foreach (var e in channel.Reader.ReadAllAsync(http.RequestAborted))
            {
                await http.Response.WriteAsync(JsonSerializer.Serialize(e, json.Value.SerializerOptions) + "\n", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away: the normal end of a tail
        }
        finally
        {
            tail.Tell(PoisonPill.Instance);
        }
    }

}

/// <summary>Writes the cluster's membership events (the current members first) to a channel until it stops.</summary>
internal sealed class MembershipTail : ReceiveActor
{
    private readonly ChannelWriter<MembershipEvent> _out;
    private readonly TimeProvider _clock;
    private readonly Cluster _cluster = Cluster.Get(Context.System);

    public MembershipTail(ChannelWriter<MembershipEvent> output, TimeProvider clock)
    {
        _out = output;
        _clock = clock;
        Receive<ClusterEvent.IMemberEvent>(e => Write(e.GetType().Name, e.Member.Address.ToString(), e.Member.Status.ToString(), e.Member.Roles));
        Receive<ClusterEvent.UnreachableMember>(e => Write("UnreachableMember", e.Member.Address.ToString(), e.Member.Status.ToString(), e.Member.Roles));
        Receive<ClusterEvent.ReachableMember>(e => Write("ReachableMember", e.Member.Address.ToString(), e.Member.Status.ToString(), e.Member.Roles));
        Receive<ClusterEvent.LeaderChanged>(e => Write("LeaderChanged", e.Leader?.ToString(), null, []));
    }

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        _out.TryComplete();
    }

    private void Write(string name, string? address, string? status, IEnumerable<string> roles) =>
        _out.TryWrite(new MembershipEvent(_clock.GetUtcNow(), name, address, status, [.. roles.Order(StringComparer.Ordinal)]));
}
