using System.Text;
using System.Text.Json;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Confluent.Kafka;

namespace ActorOrders.Orders.Kafka.Dlq;

/// <summary>
/// orders.dlq → <see cref="DeadLetterIndex"/> (consumer group of its own), committed once the row is
/// stored: every dead letter the system writes — poison of the command ingest, unreadable
/// participant replies — gets a row, open. Idempotent: a record read again keeps its row.
/// A database that is down holds the stream (retried with backoff), it never skips a record.
/// </summary>
public sealed class DeadLetterIndexer(DeadLetterIndex index, TimeProvider clock, Action<Exception>? onRetry = null)
{
    private long _indexed;

    /// <summary>Records of orders.dlq read and stored since start.</summary>
    public long Indexed => Interlocked.Read(ref _indexed);

    /// <summary>Starts consuming <paramref name="topic"/>.</summary>
    public (IConsumerControl Control, Task<Done> Completion) Run(ConsumerSettings<string, byte[]> consumer, string topic, IMaterializer materializer) =>
        KafkaConsumer.CommittableSource(consumer, Subscription.Topics(topic))
            .SelectAsync(4, async message =>
            {
                await StoreAsync(Parse(message.Record));
                Interlocked.Increment(ref _indexed);
                return (ICommittable)message.Offset;
            })
            .ToMaterialized(Committer.Sink(CommitterSettings.Default), Keep.Both)
            .Run(materializer);

    /// <summary>
    /// The row of one orders.dlq record (the JSON <see cref="Ingest.DeadLetters"/> writes). A record
    /// that is not such a document is kept as it is, with the reason, so nothing in the topic is invisible.
    /// </summary>
    public static DeadLetterRow Parse(ConsumeResult<string, byte[]> record)
    {
        var id = DeadLetterRow.IdOf(record.Partition.Value, record.Offset.Value);
        var value = record.Message.Value ?? [];
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            var encoding = root.TryGetProperty("payloadEncoding", out var e) ? e.GetString() : "utf-8";
            var text = root.GetProperty("payload").GetString() ?? "";
            var payload = encoding == "base64" ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            return new DeadLetterRow(id, record.Partition.Value, record.Offset.Value,
                root.GetProperty("originalTopic").GetString() ?? "", root.GetProperty("partition").GetInt32(), root.GetProperty("offset").GetInt64(),
                root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String ? key.GetString() : record.Message.Key,
                payload, root.GetProperty("error").GetString() ?? "", root.TryGetProperty("attempts", out var a) ? a.GetInt32() : 1,
                root.TryGetProperty("failedAt", out var at) ? at.GetDateTimeOffset() : record.Message.Timestamp.UtcDateTime,
                DeadLetterIndex.Open, null, null, 0);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            var topic = record.Message.Headers?.TryGetLastBytes("original-topic", out var t) == true ? Encoding.UTF8.GetString(t) : "";
            return new DeadLetterRow(id, record.Partition.Value, record.Offset.Value, topic, -1, -1, record.Message.Key, value,
                "unreadable dead letter (not the orders.dlq document): " + ex.Message, 0, record.Message.Timestamp.UtcDateTime,
                DeadLetterIndex.Open, null, null, 0);
        }
    }

    private async Task StoreAsync(DeadLetterRow row)
    {
        var backoff = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                await index.AddAsync(row, clock.GetUtcNow(), CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                onRetry?.Invoke(ex);
                await Task.Delay(backoff); // a retry's backoff while the database is away, not a test waiting
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }
}
