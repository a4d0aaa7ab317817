using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using ActorOrders.Domain.Participants;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Participants;

/// <summary>
/// A participant as the saga's steps see it when the participant is another team's service on
/// Kafka: each <see cref="ParticipantRequest"/> is produced to the participant's command topic. The
/// reply comes back through the reply ingest, addressed to the order (not to this actor). A request
/// that cannot be produced is logged: the step's timeout and retries deal with it, as with a lost reply.
/// </summary>
public sealed class KafkaParticipant : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public KafkaParticipant(IProducer<string, byte[]> producer, string topic)
    {
        Receive<ParticipantRequest>(request =>
        {
            var record = ParticipantMessages.Request(request, Activity.Current?.Id);
            producer.ProduceAsync(topic, record).PipeTo(Self, success: _ => Produced.Instance, failure: e => new NotProduced(request.RequestId, e));
        });
        Receive<Produced>(_ => { });
        Receive<NotProduced>(f => _log.Warning(f.Error, "Request {0} could not be produced to {1}; the step will retry", f.RequestId, topic));
        Receive<ParticipantReplyAck>(_ => { });
    }

    /// <summary>Props of the participant whose commands go to <paramref name="topic"/>.</summary>
    public static Props Props(IProducer<string, byte[]> producer, string topic) =>
        Akka.Actor.Props.Create(() => new KafkaParticipant(producer, topic));

    private sealed record Produced
    {
        public static readonly Produced Instance = new();
    }

    private sealed record NotProduced(string RequestId, Exception Error);
}
