using System.Collections.Concurrent;
using ActorOrders.Node.Http;
using ActorOrders.Streams.Kafka.Consumer;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActorOrders.Node.Wiring;

/// <summary>
/// The node's Kafka consumers (ingest, participant replies, the hosted simulators), by name: what the
/// readiness check waits for and what metrics and the console read their lag from.
/// </summary>
public sealed class KafkaConsumers
{
    private readonly ConcurrentDictionary<string, IConsumerControl?> _consumers = new(StringComparer.Ordinal);

    /// <summary>Consumers by name; null while the actor system has not started one it is going to.</summary>
    public IReadOnlyDictionary<string, IConsumerControl?> All => _consumers;

    internal void Expect(string name) => _consumers.TryAdd(name, null);

    internal void Started(string name, IConsumerControl control) => _consumers[name] = control;
}

/// <summary>
/// Ready once every consumer the node runs has joined its group (received its first assignment, even
/// an empty one): before that, a record produced to the node's topics would wait for the group to
/// form — seconds on a fresh broker — and the sagas' first steps would time out.
/// </summary>
internal sealed class KafkaConsumersJoined(KafkaConsumers consumers) : IHealthCheck
{
    public const string Name = "kafka-consumers";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = consumers.All.Where(c => c.Value is not { Metrics.Assignments: > 0 }).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        var data = consumers.All.ToDictionary(c => c.Key, c => (object)(c.Value?.Metrics.AssignedPartitions ?? 0));
        return Task.FromResult(waiting.Count == 0
            ? HealthCheckResult.Healthy($"{consumers.All.Count} Kafka consumer(s) in their groups.", data)
            : HealthCheckResult.Unhealthy("Waiting for the Kafka consumer(s) to join their groups: " + string.Join(", ", waiting) + ".", data: data));
    }

    public static IHealthChecksBuilder Register(IHealthChecksBuilder builder) =>
        builder.AddCheck<KafkaConsumersJoined>(Name, tags: [NodeEndpoints.ReadyTag]);
}
