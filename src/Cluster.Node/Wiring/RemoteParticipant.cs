using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// A participant in another cluster member (the participants host), seen from the node: forwards each
/// <see cref="ParticipantRequest"/> to the mediator as <c>Send(path, request, localAffinity: false)</c>,
/// keeping the original sender (the saga step), so the participant replies to the step directly.
/// </summary>
/// <remarks>
/// When no member has registered <c>path</c>, the mediator drops the request (to dead letters) and the
/// step's own timeout and retries take over. This actor watches the dead letters to say so in the log: a
/// warning on the first drop, then at most one per <see cref="WarnEvery"/> with the count since the last.
/// A registered host that crashed is different: until the cluster removes it, the mediator still sends
/// there and remoting drops the request (remoting logs that).
/// </remarks>
internal sealed class RemoteParticipant : ReceiveActor
{
    /// <summary>Shortest time between two "nobody registered" warnings of one participant.</summary>
    public static readonly TimeSpan WarnEvery = TimeSpan.FromSeconds(10);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _mediator;
    private readonly Participant _participant;
    private readonly string _path;
    private readonly Stopwatch _sinceWarning = new();
    private int _dropped;

    public RemoteParticipant(IActorRef mediator, Participant participant, string path)
    {
        _mediator = mediator;
        _participant = participant;
        _path = path;
        Receive<ParticipantRequest>(request => _mediator.Forward(new Send(_path, request, localAffinity: false)));
        // Every dead letter of the system comes here: handle them all (most are ignored), since an
        // unhandled one would be published again as an UnhandledMessage, which is a dead letter too.
        Receive<AllDeadLetters>(dead =>
        {
            if (DroppedRequest(dead) is { } request) Dropped(request);
        });
    }

    public static Props Props(IActorRef mediator, Participant participant, string path) =>
        Akka.Actor.Props.Create(() => new RemoteParticipant(mediator, participant, path));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AllDeadLetters));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>
    /// Our request, dropped by the mediator for want of a registered path. Akka.Cluster.Tools 1.5.7x sends the
    /// dead letters an internal DeadLetterWithNoSubscribers (a wrapper of the request) from the mediator;
    /// earlier versions a DeadLetter of the <see cref="Send"/> itself. Both are recognised by unwrapping.
    /// </summary>
    private ParticipantRequest? DroppedRequest(AllDeadLetters dead)
    {
        if (!Equals(dead.Sender, _mediator) && !Equals(dead.Recipient, _mediator)) return null;
        var message = dead.Message;
        while (message is IWrappedMessage wrapped) message = wrapped.Message;
        return message switch
        {
            Send { Message: ParticipantRequest request } send when send.Path == _path => request,
            ParticipantRequest request when request.Action.ParticipantOf() == _participant => request,
            _ => null,
        };
    }

    private void Dropped(ParticipantRequest request)
    {
        _dropped++;
        if (_sinceWarning.IsRunning && _sinceWarning.Elapsed < WarnEvery) return;

        _log.Warning(
            "No participants host has registered {0} with the DistributedPubSub mediator: {1} request(s) dropped{2}, the latest {3} for order {4}. " +
            "The saga's timeouts and retries take over; start src/Participants.Host in this cluster (role 'participants').",
            _path, _dropped, _sinceWarning.IsRunning ? $" in the last {_sinceWarning.Elapsed.TotalSeconds:0} s" : "", request.Action, request.OrderId);
        _dropped = 0;
        _sinceWarning.Restart();
    }
}
