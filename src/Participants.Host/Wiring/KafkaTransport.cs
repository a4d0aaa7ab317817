using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using ActorOrders.Http;
using ActorOrders.Orders.Kafka.Participants;
using ActorOrders.Participants;
using ActorOrders.ParticipantsHost.Settings;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorOrders.ParticipantsHost.Wiring;

/// <summary>The consumer of the command topics, once the actor system started it (for the readiness check).</summary>
public sealed class CommandTopicsConsumer
{
    /// <summary>The running consumer, or null before start.</summary>
    public IConsumerControl? Control { get; internal set; }
}

/// <summary>
/// The Kafka transport of the host (<c>Participants:Transport=Kafka</c>): a local actor system (no cluster) running
/// the simulators behind the participants' command topics. Each request is handed to its simulator and its reply is
/// produced to the participant's reply topic, keyed by order id, with the request's idempotency key and trace
/// context (<see cref="ParticipantCommandHost"/>, the code a node hosting the simulators runs).
/// </summary>
public static class KafkaTransport
{
    /// <summary>Registers the producer, the consumer's holder and the readiness check.</summary>
    public static IServiceCollection AddKafkaTransport(this IServiceCollection services, HostSettings settings)
    {
        var servers = settings.Kafka.EffectiveBootstrapServers()!;
        services.AddSingleton(_ =>
        {
            var config = new ProducerConfig { BootstrapServers = servers, EnableIdempotence = true, Acks = Acks.All, LingerMs = 5 };
            foreach (var (key, value) in settings.Kafka.Client) config.Set(key, value);
            return new ProducerBuilder<string, byte[]>(config).Build();
        });
        services.AddSingleton<CommandTopicsConsumer>();
        services.AddHealthChecks().AddCheck<CommandTopicsJoined>(CommandTopicsJoined.Name, tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>The actor system: simulators, the command topics' consumer, its drain on shutdown.</summary>
    public static AkkaConfigurationBuilder AddParticipantsOverKafka(this AkkaConfigurationBuilder akka, HostSettings settings, IServiceProvider services) =>
        akka
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            })
            .WithActors((system, registry) =>
            {
                var p = settings.Participants;
                var participants = Simulators.Start(system, new SimulatorSettings(p.MinLatency, p.MaxLatency, p.FailureRate));
                registry.Register<ParticipantsLedger>(participants.Ledger);

                var t = settings.Kafka.Topics;
                var topics = new ParticipantTopics(t.PaymentsCommands, t.PaymentsEvents, t.InventoryCommands, t.InventoryEvents, t.ShippingCommands, t.ShippingEvents);
                var host = new ParticipantCommandHost(participants.Refs, topics, services.GetRequiredService<IProducer<string, byte[]>>(), answerTimeout: TimeSpan.FromSeconds(10) + p.MaxLatency);
                var (control, completion) = host.Run(Consumer(settings), system.Materializer(namePrefix: "participants-kafka"));
                services.GetRequiredService<CommandTopicsConsumer>().Control = control;
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "participants-kafka-drain", async () =>
                {
                    await control.DrainAndShutdown(completion);
                    await host.DrainAsync(TimeSpan.FromSeconds(5));
                    services.GetRequiredService<IProducer<string, byte[]>>().Flush(TimeSpan.FromSeconds(5));
                    return Done.Instance;
                });
            })
            .WithActorSystemLivenessCheck(tags: [HealthEndpoints.LiveTag]);

    private static ConsumerSettings<string, byte[]> Consumer(HostSettings settings)
    {
        var consumer = ConsumerSettings<string, byte[]>.Create(settings.Kafka.EffectiveBootstrapServers()!, settings.Kafka.ConsumerGroup)
            // Commands produced before the host's first start are answered too.
            .WithProperty("auto.offset.reset", "earliest")
            // Each saga step waits for this hop: no 500 ms fetch waits (Kafka:Client:* still overrides it).
            .WithProperty("fetch.wait.max.ms", "10")
            // A host that died keeps its partitions until its session times out (librdkafka's default is 45 s).
            .WithProperty("session.timeout.ms", "10000")
            .WithProperty("heartbeat.interval.ms", "3000");
        foreach (var (key, value) in settings.Kafka.Client) consumer = consumer.WithProperty(key, value);
        return consumer;
    }
}

/// <summary>Ready once the command topics' consumer has joined its group (its first assignment, even an empty one).</summary>
internal sealed class CommandTopicsJoined(CommandTopicsConsumer consumer) : IHealthCheck
{
    public const string Name = "kafka-command-topics";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(consumer.Control is { Metrics.Assignments: > 0 } control
            ? HealthCheckResult.Healthy($"Consuming the command topics ({control.Metrics.AssignedPartitions} partition(s) assigned).")
            : HealthCheckResult.Unhealthy("Waiting for the command topics' consumer to join its group."));
}
