using Akka;
using Akka.Actor;
using Akka.Streams;
using ActorOrders.Domain.Participants;
using ActorOrders.Node.Settings;
using ActorOrders.Orders.Kafka.Participants;
using ActorOrders.Participants;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// Kafka mode: the steps' requests are produced to the participants' command topics by three
/// <see cref="KafkaParticipant"/>s; with <c>Participants:HostSimulators</c> the node also runs the
/// simulators behind those topics (consuming commands, producing replies), so the embedded default
/// runs the whole saga over the Kafka protocol. The replies come back through the reply ingest
/// (<see cref="KafkaWiring.AddParticipantReplies"/>).
/// </summary>
internal sealed class KafkaParticipantsProvider(IServiceProvider services, NodeSettings settings) : IParticipantsProvider
{
    public SimulatedParticipants Start(ActorSystem system)
    {
        var producer = services.GetRequiredService<IProducer<string, byte[]>>();
        var topics = settings.Kafka.Topics.Participants();
        var refs = new ParticipantRefs(
            system.ActorOf(KafkaParticipant.Props(producer, topics.PaymentsCommands), "kafka-payment"),
            system.ActorOf(KafkaParticipant.Props(producer, topics.InventoryCommands), "kafka-inventory"),
            system.ActorOf(KafkaParticipant.Props(producer, topics.ShippingCommands), "kafka-shipping"));
        if (!settings.Participants.HostSimulators) return new SimulatedParticipants(refs, ActorRefs.Nobody);

        var p = settings.Participants;
        var simulators = Simulators.Start(system, new SimulatorSettings(p.MinLatency, p.MaxLatency, p.FailureRate));
        var kafka = services.GetRequiredService<KafkaCluster>();
        var consumer = KafkaWiring.Consumer(kafka, settings, settings.Kafka.ConsumerGroup + "-participants");
        // An answer not given in this time is abandoned (noreply): more than any simulated latency.
        var host = new ParticipantCommandHost(simulators.Refs, topics, producer, answerTimeout: TimeSpan.FromSeconds(10) + p.MaxLatency);
        var (control, completion) = host.Run(consumer, system.Materializer(namePrefix: "participants-kafka"));
        services.GetRequiredService<KafkaConsumers>().Started(KafkaWiring.SimulatorsConsumer, control);
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "participants-kafka-drain", async () =>
        {
            await control.DrainAndShutdown(completion);
            await host.DrainAsync(TimeSpan.FromSeconds(5));
            return Done.Instance;
        });
        return new SimulatedParticipants(refs, simulators.Ledger);
    }
}
