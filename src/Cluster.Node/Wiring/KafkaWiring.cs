using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using ActorOrders.Orders.Kafka.Dlq;
using ActorOrders.Orders.Kafka.Ingest;
using ActorOrders.Orders.Kafka.Monitoring;
using ActorOrders.Orders.Kafka.Participants;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Domain.Messages;
using ActorOrders.Node.Settings;
using ActorOrders.Orders.Kafka.Publication;
using ActorOrders.Projections;
using ActorOrders.ReadSide;
using ActorOrders.Streams.Kafka.Embedded;
using Confluent.Kafka;

namespace ActorOrders.Node.Wiring;

/// <summary>Registry key of the orders.events publication's projection daemon.</summary>
public sealed class OrderEventsPublication;

/// <summary>
/// The node's Kafka: the cluster it talks to (the embedded mock broker when no bootstrap servers
/// are configured), one idempotent producer shared by its pipelines, and the publication of every
/// order event to orders.events (a projection: the journal is the outbox).
/// </summary>
public static class KafkaWiring
{
    /// <summary>The Kafka services; nothing when <c>Kafka:Enabled</c> is off.</summary>
    public static IServiceCollection AddOrderKafka(this IServiceCollection services, NodeSettings settings)
    {
        if (!settings.Kafka.Enabled) return services;
        services.AddSingleton(sp => KafkaCluster.Connect(settings.Kafka, sp.GetRequiredService<ILoggerFactory>().CreateLogger("ActorOrders.Kafka")));
        services.AddSingleton<KafkaMetrics>();
        services.AddSingleton(sp =>
        {
            // librdkafka's statistics give the records delivered per topic (producer.records) without touching every pipeline.
            var metrics = sp.GetRequiredService<KafkaMetrics>();
            var config = sp.GetRequiredService<KafkaCluster>().ProducerConfig();
            config.StatisticsIntervalMs ??= (int)StatisticsInterval.TotalMilliseconds;
            return new ProducerBuilder<string, byte[]>(config).SetStatisticsHandler((_, json) => metrics.ProducerStatistics(json)).Build();
        });
        var consumers = new KafkaConsumers();
        if (IngestRuns(settings)) consumers.Expect(IngestConsumer);
        if (DeadLetterIndexRuns(settings)) consumers.Expect(DeadLetterIndexConsumer);
        if (settings.Participants.Mode == ParticipantsMode.Kafka)
        {
            consumers.Expect(RepliesConsumer);
            if (settings.Participants.HostSimulators) consumers.Expect(SimulatorsConsumer);
        }

        services.AddSingleton(consumers);
        KafkaConsumersJoined.Register(services.AddHealthChecks());
        if (settings.ProjectionWorkersRun()) services.AddSingleton(sp => new PublishedSequences(sp.GetRequiredService<ProjectionDatabase>()));
        if (IngestRuns(settings))
        {
            services.AddSingleton(sp => new IngestQuarantine(sp.GetRequiredService<ProjectionDatabase>()));
            services.AddSingleton(sp => new DeadLetters(sp.GetRequiredService<IProducer<string, byte[]>>(), settings.Kafka.Topics.OrdersDlq, sp.GetRequiredService<KafkaMetrics>()));
            services.AddSingleton<RunningIngest>();
        }

        if (DeadLetterIndexRuns(settings)) services.AddSingleton(sp => new DeadLetterIndex(sp.GetRequiredService<ProjectionDatabase>()));
        return services.AddHostedService<KafkaStartup>().AddHostedService<KafkaLagSampler>();
    }

    /// <summary>The publisher of orders.events: one worker per slice, like the read model's.</summary>
    public static AkkaConfigurationBuilder AddOrderEventsPublication(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!settings.Kafka.Enabled || !settings.ProjectionWorkersRun()) return akka;
        var database = services.GetRequiredService<ProjectionDatabase>();
        var handler = new OrderEventsPublisher(
            services.GetRequiredService<IProducer<string, byte[]>>(), settings.Kafka.Topics.OrdersEvents, services.GetRequiredService<PublishedSequences>());
        var definition = new ProjectionDefinition(OrderEventsPublisher.ProjectionName, OrderSlices.TagPrefix, settings.Projections.Slices, handler, OrderSlices.OrderIdOf)
        {
            BatchSize = settings.Projections.BatchSize,
            BatchDelay = settings.Projections.BatchDelay,
            ReadJournalPluginId = PersistenceWiring.ReadJournalId,
        };
        return akka.WithProjection<OrderEventsPublication>(definition, database, services.GetRequiredService<ProjectionMonitor>(), ClusterWiring.NodeRole, settings.Projections.KeepAliveInterval);
    }

    /// <summary>
    /// The ingest of orders.commands on this node, started once the order shard region exists; drained
    /// (in-flight records finished and committed) when the node leaves.
    /// </summary>
    public static AkkaConfigurationBuilder AddOrderCommandIngest(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!IngestRuns(settings)) return akka;
        return akka.WithActors((system, registry) =>
        {
            var kafka = services.GetRequiredService<KafkaCluster>();
            var clock = services.GetRequiredService<TimeProvider>();
            var limiter = new InFlightLimiter(settings.Kafka.Ingest.MaxInFlightOrders, settings.Kafka.Ingest.InFlightHold, clock);
            var finished = system.ActorOf(Props.Create(() => new FinishedOrders(limiter)), "ingest-finished-orders");
            system.EventStream.Subscribe(finished, typeof(OrderFinished));
            var ingest = new OrderCommandIngest(
                registry.Get<OrderRegion>(),
                services.GetRequiredService<DeadLetters>(),
                services.GetRequiredService<IngestQuarantine>(),
                new IngestSettings(settings.Kafka.Ingest.Parallelism, settings.Http.AskTimeout, settings.Kafka.Ingest.MaxAttempts, settings.Kafka.Ingest.Backoff),
                clock,
                limiter);
            var consumer = Consumer(kafka, settings, settings.Kafka.ConsumerGroup + "-ingest");
            var (control, completion) = ingest.Run(consumer, settings.Kafka.Topics.OrdersCommands, system.Materializer(namePrefix: "orders-ingest"));
            services.GetRequiredService<RunningIngest>().Started(ingest, control);
            services.GetRequiredService<KafkaConsumers>().Started(IngestConsumer, control);
            services.GetRequiredService<KafkaMetrics>().ObserveConsumer(IngestConsumer, () => ingest.Counts.Accepted + ingest.Counts.DeadLettered + ingest.Counts.Parked);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "orders-ingest-drain", async () =>
            {
                await control.DrainAndShutdown(completion);
                return Done.Instance;
            });
        });
    }

    /// <summary>
    /// The reply ingest of Kafka mode: the participants' replies to their orders, started once the
    /// order shard region exists, drained when the node leaves.
    /// </summary>
    public static AkkaConfigurationBuilder AddParticipantReplies(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!settings.Kafka.Enabled || settings.Participants.Mode != ParticipantsMode.Kafka) return akka;
        return akka.WithActors((system, registry) =>
        {
            var metrics = services.GetRequiredService<KafkaMetrics>();
            var replies = new ParticipantReplyIngest(
                registry.Get<OrderRegion>(),
                new DeadLetters(services.GetRequiredService<IProducer<string, byte[]>>(), settings.Kafka.Topics.OrdersDlq, metrics),
                settings.Http.AskTimeout,
                parallelism: 256,
                services.GetRequiredService<TimeProvider>());
            var consumer = Consumer(services.GetRequiredService<KafkaCluster>(), settings, settings.Kafka.ConsumerGroup + "-replies");
            var (control, completion) = replies.Run(consumer, settings.Kafka.Topics.Participants().AllEvents, system.Materializer(namePrefix: "participant-replies"));
            services.GetRequiredService<KafkaConsumers>().Started(RepliesConsumer, control);
            metrics.ObserveConsumer(RepliesConsumer, () => replies.Delivered);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "participant-replies-drain", async () =>
            {
                await control.DrainAndShutdown(completion);
                return Done.Instance;
            });
        });
    }

    /// <summary>
    /// The index of orders.dlq (table kafka_dead_letters) for the admin API's DLQ tooling: every
    /// node with a database indexes its share of the topic's partitions (consumer group
    /// <c>{ConsumerGroup}-dlq-index</c>); drained when the node leaves.
    /// </summary>
    public static AkkaConfigurationBuilder AddDeadLetterIndex(this AkkaConfigurationBuilder akka, NodeSettings settings, IServiceProvider services)
    {
        if (!DeadLetterIndexRuns(settings)) return akka;
        return akka.WithActors((system, _) =>
        {
            var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorOrders.Kafka");
            var indexer = new DeadLetterIndexer(services.GetRequiredService<DeadLetterIndex>(), services.GetRequiredService<TimeProvider>(),
                ex => log.LogWarning("Dead-letter index: cannot store a dead letter yet ({Error}); retrying", ex.Message));
            var consumer = Consumer(services.GetRequiredService<KafkaCluster>(), settings, GroupOf(settings, DeadLetterIndexConsumer));
            var (control, completion) = indexer.Run(consumer, settings.Kafka.Topics.OrdersDlq, system.Materializer(namePrefix: "dead-letter-index"));
            services.GetRequiredService<KafkaConsumers>().Started(DeadLetterIndexConsumer, control);
            services.GetRequiredService<KafkaMetrics>().ObserveConsumer(DeadLetterIndexConsumer, () => indexer.Indexed);
            CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "dead-letter-index-drain", async () =>
            {
                await control.DrainAndShutdown(completion);
                return Done.Instance;
            });
        });
    }

    /// <summary>The consumer group of one of the node's consumers (by its name in <see cref="KafkaConsumers"/>).</summary>
    public static string GroupOf(NodeSettings settings, string consumer) => settings.Kafka.ConsumerGroup + consumer switch
    {
        IngestConsumer => "-ingest",
        RepliesConsumer => "-replies",
        SimulatorsConsumer => "-participants",
        DeadLetterIndexConsumer => "-dlq-index",
        _ => "-" + consumer,
    };

    /// <summary>How often consumer lag is sampled for the metrics, and librdkafka's statistics interval.</summary>
    public static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(5);

    /// <summary>A consumer of this node's cluster, group and client properties, from the earliest offset of a new group.</summary>
    public static ConsumerSettings<string, byte[]> Consumer(KafkaCluster kafka, NodeSettings settings, string group)
    {
        var consumer = ConsumerSettings<string, byte[]>.Create(kafka.BootstrapServers, group)
            .WithProperty("auto.offset.reset", "earliest")
            // A saga step waits for its reply: a broker holding a fetch for up to 500 ms (librdkafka's
            // default) for more bytes adds that to every hop. Kafka:Client:* still overrides it.
            .WithProperty("fetch.wait.max.ms", "10")
            // A member that died keeps its partitions until its session times out (librdkafka's default is 45 s): the
            // sagas' replies on them would wait that long and the steps spend their attempts. 10 s, heartbeat every 3 s.
            .WithProperty("session.timeout.ms", "10000")
            .WithProperty("heartbeat.interval.ms", "3000");
        foreach (var (key, value) in settings.Kafka.Client) consumer = consumer.WithProperty(key, value);
        return consumer;
    }

    /// <summary>Names of the node's consumers in <see cref="KafkaConsumers"/>.</summary>
    public const string IngestConsumer = "orders-commands-ingest", RepliesConsumer = "participant-replies", SimulatorsConsumer = "participant-simulators",
        DeadLetterIndexConsumer = "dead-letter-index";

    private static bool IngestRuns(NodeSettings settings) => settings.Kafka.Enabled && settings.Kafka.Ingest.Enabled && settings.ReadSideEnabled();

    // The index lives in the journal's database: no database (in-memory journal, read side off), no index.
    private static bool DeadLetterIndexRuns(NodeSettings settings) => settings.Kafka.Enabled && settings.ReadSideEnabled();

    // Gives a placement's permit back when its order finishes on this node.
    private sealed class FinishedOrders : ReceiveActor
    {
        public FinishedOrders(InFlightLimiter limiter) => Receive<OrderFinished>(f => limiter.Release(f.OrderId));
    }

    // Connects (or starts the embedded broker, which logs its addresses) before anything else needs it,
    // and creates the publication's and the quarantine's tables. The container disposes producer and broker at the end.
    private sealed class KafkaStartup(IServiceProvider services) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<KafkaCluster>();
            if (services.GetService<PublishedSequences>() is { } published) await published.EnsureSchemaAsync(cancellationToken);
            if (services.GetService<IngestQuarantine>() is { } quarantine)
            {
                await quarantine.StartAsync(cancellationToken);
                services.GetRequiredService<KafkaMetrics>().ObserveQuarantine(() => (quarantine.ParkedRecords, quarantine.QuarantinedOrders));
            }

            if (services.GetService<DeadLetterIndex>() is { } index)
            {
                await index.StartAsync(cancellationToken);
                services.GetRequiredService<KafkaMetrics>().ObserveDeadLetters(() => index.OpenCount);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The node's running ingest, once started (for redrives and metrics).</summary>
public sealed class RunningIngest
{
    /// <summary>The ingest, or null before the actor system started it.</summary>
    public OrderCommandIngest? Ingest { get; private set; }

    /// <summary>Its consumer's control (lag, stop).</summary>
    public IConsumerControl? Control { get; private set; }

    internal void Started(OrderCommandIngest ingest, IConsumerControl control) => (Ingest, Control) = (ingest, control);
}

/// <summary>
/// Every <see cref="KafkaWiring.StatisticsInterval"/>: the lag of each running consumer's assigned
/// partitions into <see cref="KafkaMetrics"/> (consumer.lag), and the open dead letters counted
/// again (other nodes act on them too).
/// </summary>
internal sealed class KafkaLagSampler(IServiceProvider services, NodeSettings settings, ILogger<KafkaLagSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(KafkaWiring.StatisticsInterval);
        var metrics = services.GetRequiredService<KafkaMetrics>();
        var consumers = services.GetRequiredService<KafkaConsumers>();
        var index = services.GetService<DeadLetterIndex>();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var samples = new List<KafkaMetrics.LagSample>();
                foreach (var (name, control) in consumers.All)
                {
                    if (control is null || control.IsShutdown.IsCompleted) continue;
                    try
                    {
                        var group = KafkaWiring.GroupOf(settings, name);
                        samples.AddRange((await control.GetLagAsync().WaitAsync(stoppingToken))
                            .Select(p => new KafkaMetrics.LagSample(name, group, p.Partition.Topic, p.Partition.Partition.Value, p.Lag)));
                    }
                    catch (Exception ex) when (ex is KafkaException or InvalidOperationException or TimeoutException)
                    {
                        log.LogDebug("Lag of Kafka consumer {Consumer} not sampled: {Error}", name, ex.Message);
                    }
                }

                metrics.LagSampled(samples);
                if (index is not null)
                {
                    try
                    {
                        await index.RefreshOpenCountAsync(stoppingToken);
                    }
                    catch (System.Data.Common.DbException ex)
                    {
                        log.LogDebug("Open dead letters not counted: {Error}", ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // the node stops
        }
    }
}

/// <summary>The Kafka cluster of this node: configured, or the embedded mock broker it owns.</summary>
public sealed class KafkaCluster : IDisposable
{
    private readonly KafkaSettings _settings;
    private readonly MockCluster? _embedded;

    private KafkaCluster(KafkaSettings settings, MockCluster? embedded, string bootstrapServers)
    {
        _settings = settings;
        _embedded = embedded;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>The brokers' addresses.</summary>
    public string BootstrapServers { get; }

    /// <summary>True when this node runs the broker itself (nothing survives the process).</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>Connects to the configured cluster, or starts the embedded one with every topic created.</summary>
    public static KafkaCluster Connect(KafkaSettings settings, ILogger log)
    {
        if (!string.IsNullOrWhiteSpace(settings.BootstrapServers)) return new KafkaCluster(settings, null, settings.BootstrapServers);

        var embedded = new MockCluster(brokers: 1);
        foreach (var topic in settings.Topics.All()) embedded.CreateTopic(topic, settings.EmbeddedPartitions);
        log.LogInformation("Embedded Kafka bootstrap.servers={BootstrapServers}", embedded.BootstrapServers);
        if (!string.IsNullOrWhiteSpace(settings.BootstrapFile))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(settings.BootstrapFile));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(settings.BootstrapFile, embedded.BootstrapServers + Environment.NewLine);
        }

        return new KafkaCluster(settings, embedded, embedded.BootstrapServers);
    }

    /// <summary>Every client's base properties: the brokers and <c>Kafka:Client:*</c>.</summary>
    public ClientConfig ClientConfig()
    {
        var config = new ClientConfig { BootstrapServers = BootstrapServers };
        foreach (var (key, value) in _settings.Client) config.Set(key, value);
        return config;
    }

    /// <summary>An idempotent producer's properties (acks=all, ordered retries).</summary>
    public ProducerConfig ProducerConfig() => new(ClientConfig())
    {
        EnableIdempotence = true,
        Acks = Acks.All,
        LingerMs = 5,
    };

    /// <inheritdoc />
    public void Dispose() => _embedded?.Dispose();
}
