using System.Diagnostics;
using ActorOrders.Orders.Kafka.Monitoring;
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
            var span = KafkaTracing.Start($"{topic} publish", ActivityKind.Producer, request.TraceParent, topic, request.OrderId);
            var record = ParticipantMessages.Request(request, KafkaTracing.ContextOf(span, request.TraceParent));
            producer.ProduceAsync(topic, record).PipeTo(Self, success: _ => new Produced(span), failure: e => new NotProduced(request.RequestId, e, span));
        });
        Receive<Produced>(p => KafkaTracing.End(p.Span));
        Receive<NotProduced>(f =>
        {
            KafkaTracing.End(f.Span, f.Error);
            _log.Warning(f.Error, "Request {0} could not be produced to {1}; the step will retry", f.RequestId, topic);
        });
        Receive<ParticipantReplyAck>(_ => { });
    }

    /// <summary>Props of the participant whose commands go to <paramref name="topic"/>.</summary>
    public static Props Props(IProducer<string, byte[]> producer, string topic) =>
        Akka.Actor.Props.Create(() => new KafkaParticipant(producer, topic));

    private sealed record Produced(Activity? Span);

    private sealed record NotProduced(string RequestId, Exception Error, Activity? Span);
}
