using Akka;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorOrders.Contracts;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Ingest;

/// <summary>How the ingest treats a record.</summary>
public enum IngestOutcome
{
    /// <summary>The order accepted the command (or had already: a redelivery).</summary>
    Accepted,

    /// <summary>Not a valid command, or refused by the order (conflict, too late): written to orders.dlq.</summary>
    DeadLettered,

    /// <summary>Kept failing transiently past its retries, or behind such a record of its order: parked in the quarantine.</summary>
    Parked,
}

/// <summary>The ingest's knobs.</summary>
/// <param name="Parallelism">Records handled at once (different orders; one order's records one after another).</param>
/// <param name="AskTimeout">How long one attempt waits for the order's answer.</param>
/// <param name="MaxAttempts">Attempts of a transient failure (no answer in time) before the record is parked.</param>
/// <param name="Backoff">Wait before the second attempt; doubles per attempt.</param>
public sealed record IngestSettings(int Parallelism, TimeSpan AskTimeout, int MaxAttempts, TimeSpan Backoff);

/// <summary>
/// orders.commands → parse and validate → ask the order (bounded parallelism, one order's commands
/// in order) → batched commit. An offset is committed only after its record was handled for good:
/// accepted by the order (stored), written to the dead-letter topic, or parked in the quarantine.
/// Redelivery after a crash is safe: placing or cancelling again is idempotent at the order.
/// </summary>
public sealed class OrderCommandIngest(
    IActorRef orders, DeadLetters deadLetters, IngestQuarantine quarantine, IngestSettings settings, TimeProvider clock, InFlightLimiter? limiter = null)
{
    private readonly KeyedSequencer _sequencer = new();
    private long _accepted;
    private long _deadLettered;
    private long _parked;

    /// <summary>Records accepted, dead-lettered and parked since start.</summary>
    public (long Accepted, long DeadLettered, long Parked) Counts => (Interlocked.Read(ref _accepted), Interlocked.Read(ref _deadLettered), Interlocked.Read(ref _parked));

    /// <summary>Sagas this ingest placed and that have not finished yet (0 without a limiter).</summary>
    public int InFlight => limiter?.InFlight ?? 0;

    /// <summary>Starts consuming <paramref name="topic"/>; the control stops it (drain and shutdown on leave).</summary>
    public (IConsumerControl Control, Task<Done> Completion) Run(ConsumerSettings<string, byte[]> consumer, string topic, IMaterializer materializer) =>
        KafkaConsumer.CommittableSource(consumer, Subscription.Topics(topic))
            .SelectAsync(settings.Parallelism, async message =>
            {
                await _sequencer.Run(message.Record.Message.Key ?? "", () => HandleAsync(message.Record, CancellationToken.None));
                return (ICommittable)message.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default), Keep.Both)
            .Run(materializer);

    /// <summary>Handles one record for good (see <see cref="IngestOutcome"/>).</summary>
    public async Task<IngestOutcome> HandleAsync(ConsumeResult<string, byte[]> record, CancellationToken ct)
    {
        var outcome = await DecideAsync(record, ct);
        switch (outcome)
        {
            case IngestOutcome.Accepted: Interlocked.Increment(ref _accepted); break;
            case IngestOutcome.DeadLettered: Interlocked.Increment(ref _deadLettered); break;
            default: Interlocked.Increment(ref _parked); break;
        }

        return outcome;
    }

    /// <summary>
    /// Replays an order's parked records in their original order, removing each one that is now
    /// handled; stops at the first that still fails (it and those behind it stay parked).
    /// Runs in the order's turn, so no live record of the order overtakes the replay.
    /// </summary>
    public Task<(int Replayed, int StillParked)> RedriveAsync(string orderId, CancellationToken ct) =>
        _sequencer.Run(orderId, async () =>
        {
            var replayed = 0;
            while (true)
            {
                var parked = await quarantine.ListAsync(orderId, ct);
                if (parked.Count == 0) return (replayed, 0);
                for (var i = 0; i < parked.Count; i++)
                {
                    if (await AttemptAsync(ToRecord(parked[i]), ct) is null) return (replayed, parked.Count - i);
                    await quarantine.RemoveAsync(parked[i], ct);
                    replayed++;
                }
            }
        });

    private async Task<IngestOutcome> DecideAsync(ConsumeResult<string, byte[]> record, CancellationToken ct)
    {
        if (CommandParser.Parse(record.Message.Key, record.Message.Value) is InvalidCommand invalid)
        {
            await deadLetters.WriteAsync(record, "invalid: " + invalid.Error, 1, clock.GetUtcNow(), ct);
            return IngestOutcome.DeadLettered;
        }

        var orderId = record.Message.Key!;
        if (quarantine.IsQuarantined(orderId))
        {
            await quarantine.ParkAsync(Parked(record, orderId, "parked behind an earlier record of the order", 0), ct);
            return IngestOutcome.Parked;
        }

        var backoff = settings.Backoff;
        for (var attempt = 1; ; attempt++)
        {
            if (await AttemptAsync(record, ct) is { } done) return done;
            if (attempt >= settings.MaxAttempts)
            {
                await quarantine.ParkAsync(Parked(record, orderId, $"no answer from the order within {settings.AskTimeout.TotalSeconds:0.#} s, {attempt} attempts", attempt), ct);
                return IngestOutcome.Parked;
            }

            await Task.Delay(backoff, ct); // a retry's backoff, not a test waiting
            backoff *= 2;
        }
    }

    // One attempt: the outcome, or null for a transient failure (worth another attempt later).
    private async Task<IngestOutcome?> AttemptAsync(ConsumeResult<string, byte[]> record, CancellationToken ct)
    {
        if (CommandParser.Parse(record.Message.Key, record.Message.Value) is not ValidCommand { Command: var command })
        {
            await deadLetters.WriteAsync(record, "invalid", 1, clock.GetUtcNow(), ct);
            return IngestOutcome.DeadLettered;
        }

        // A placement waits for room among the sagas in flight; the order's terminal event gives it back.
        if (command is PlaceOrder && limiter is not null) await limiter.AcquireAsync(command.OrderId, ct);
        try
        {
            switch (await orders.Ask<object>(command, settings.AskTimeout, ct))
            {
                case OrderAccepted accepted:
                    if (!accepted.Created) limiter?.Release(command.OrderId);
                    return IngestOutcome.Accepted;
                case OrderCommandRejected refused:
                    if (command is PlaceOrder) limiter?.Release(command.OrderId);
                    await deadLetters.WriteAsync(record, $"refused: {refused.Code}: {refused.Message}", 1, clock.GetUtcNow(), ct);
                    return IngestOutcome.DeadLettered;
                case var other:
                    await deadLetters.WriteAsync(record, $"unexpected answer {other.GetType().Name}", 1, clock.GetUtcNow(), ct);
                    return IngestOutcome.DeadLettered;
            }
        }
        catch (AskTimeoutException)
        {
            if (command is PlaceOrder) limiter?.Release(command.OrderId);
            return null;
        }
    }

    private ParkedRecord Parked(ConsumeResult<string, byte[]> record, string orderId, string error, int attempts) => new(
        orderId, record.Topic, record.Partition.Value, record.Offset.Value, record.Message.Key, record.Message.Value ?? [], error, attempts, clock.GetUtcNow());

    private static ConsumeResult<string, byte[]> ToRecord(ParkedRecord parked) => new()
    {
        Topic = parked.Topic,
        Partition = new Partition(parked.Partition),
        Offset = new Offset(parked.Offset),
        Message = new Message<string, byte[]> { Key = parked.Key!, Value = parked.Payload },
    };
}
