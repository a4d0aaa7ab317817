using ActorOrders.Streams.Kafka.Embedded;
using ActorOrders.Streams.Kafka.Committing;
using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Producer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class ProducerSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    private static ProducerRecord<string, string> Record(string topic, int i, int partition = 0) =>
        new(new TopicPartition(topic, partition), new Message<string, string> { Key = i.ToString(), Value = i.ToString() });

    [Fact]
    public async Task The_flow_emits_each_result_after_its_delivery_report_in_input_order_with_its_pass_through()
    {
        var topic = NewTopic(2);
        var envelopes = Enumerable.Range(0, 100)
            .Select(i => ProducerMessage.Single(Record(topic, i, i % 2), i))
            .Append(ProducerMessage.Multi([Record(topic, 100), Record(topic, 101, 1), Record(topic, 102)], 100))
            .Append(ProducerMessage.PassThrough<string, string, int>(101))
            .ToList();

        var results = await Source.From(envelopes)
            .Via(KafkaProducer.Flow<string, string, int>(ProducerSettings()))
            .RunWith(Sink.Seq<ProducerResult<string, string, int>>(), Materializer)
            .WaitAsync(Deadline);

        results.Select(r => r.PassThrough).ShouldBe(Enumerable.Range(0, 102));
        results.ShouldAllBe(r => r.IsSuccess);
        // An offset is only known from the broker's acknowledgement, i.e. the delivery report.
        results.OfType<SingleResult<string, string, int>>().ShouldAllBe(r => r.Report.Status == PersistenceStatus.Persisted && r.Report.Offset >= 0);
        var multi = results.OfType<MultiResult<string, string, int>>().Single();
        multi.Reports.Select(r => r.Message.Value).ShouldBe(["100", "101", "102"]);
        multi.Reports.ShouldAllBe(r => r.Offset >= 0);
        results.Last().ShouldBeOfType<PassThroughResult<string, string, int>>();
        ReadAll(topic, 2, 103).Count.ShouldBe(103);
    }

    [Fact]
    public async Task Injected_not_leader_errors_on_produce_are_retried_and_every_record_lands_once_in_order()
    {
        var topic = NewTopic(1);
        Cluster.PushRequestErrors(ApiKey.Produce,
            BrokerError.NotLeaderOrFollower, BrokerError.NotLeaderOrFollower, BrokerError.NotLeaderOrFollower);

        await Source.From(Enumerable.Range(0, 300))
            .Select(i => Record(topic, i))
            .RunWith(KafkaProducer.PlainSink(ProducerSettings()), Materializer)
            .WaitAsync(Deadline);

        ReadAll(topic, 1, 300).Select(r => int.Parse(r.Message.Value)).ShouldBe(Enumerable.Range(0, 300));
    }

    [Fact]
    public async Task With_brokers_down_the_default_producer_waits_and_delivers_once_they_are_back()
    {
        var topic = NewTopic(1);
        Produce(topic, 0, 1, partitions: 1); // value 0, so the producer below knows the partition leaders
        var sent = 0;
        Cluster.AllBrokersDown();

        var done = Source.From(Enumerable.Range(1, 50))
            .Select(i =>
            {
                Interlocked.Increment(ref sent);
                return Record(topic, i);
            })
            .RunWith(KafkaProducer.PlainSink(ProducerSettings()), Materializer);
        await Eventually(() => Volatile.Read(ref sent) == 50);
        done.IsCompleted.ShouldBeFalse("nothing can be acknowledged while every broker is down");
        Cluster.AllBrokersUp();
        await done.WaitAsync(Deadline);

        ReadAll(topic, 1, 51).Select(r => int.Parse(r.Message.Value)).ShouldBe(Enumerable.Range(0, 51));
    }

    [Fact]
    public async Task With_brokers_down_past_the_message_timeout_the_stream_fails_and_a_new_one_recovers()
    {
        var topic = NewTopic(1);
        var settings = ProducerSettings().WithProperty("message.timeout.ms", "1500");
        Cluster.AllBrokersDown();

        var failure = await Should.ThrowAsync<ProduceException<string, string>>(
            Source.From(Enumerable.Range(0, 10)).Select(i => Record(topic, i))
                .RunWith(KafkaProducer.PlainSink(settings), Materializer).WaitAsync(Deadline));
        failure.Error.Code.ShouldBe(ErrorCode.Local_MsgTimedOut);

        Cluster.AllBrokersUp();
        await Source.From(Enumerable.Range(0, 10)).Select(i => Record(topic, i))
            .RunWith(KafkaProducer.PlainSink(settings), Materializer).WaitAsync(Deadline);
        ReadAll(topic, 1, 10).Select(r => int.Parse(r.Message.Value)).ShouldBe(Enumerable.Range(0, 10));
    }

    [Fact]
    public async Task In_emit_result_mode_failed_deliveries_come_out_as_results_and_the_stream_completes()
    {
        var topic = NewTopic(1);
        var settings = ProducerSettings().WithProperty("message.timeout.ms", "1000").WithErrorMode(ProducerErrorMode.EmitResult);
        Cluster.AllBrokersDown();

        var results = await Source.From(Enumerable.Range(0, 5))
            .Select(i => ProducerMessage.Single(Record(topic, i), i))
            .Via(KafkaProducer.Flow<string, string, int>(settings))
            .RunWith(Sink.Seq<ProducerResult<string, string, int>>(), Materializer)
            .WaitAsync(Deadline);
        Cluster.AllBrokersUp();

        results.Select(r => r.PassThrough).ShouldBe(Enumerable.Range(0, 5));
        results.ShouldAllBe(r => !r.IsSuccess && r.Error!.Code == ErrorCode.Local_MsgTimedOut);
    }

    [Fact]
    public async Task Consume_transform_produce_commits_each_input_only_after_its_output_was_delivered()
    {
        var input = NewTopic();
        var outputTopic = NewTopic(1);
        var group = NewGroup();
        Produce(input, 0, 100);

        var (control, done) = KafkaConsumer.CommittableSource(ConsumerSettings(group), Subscription.Topics(input))
            .Take(100)
            .Select(m => ProducerMessage.Single(
                new ProducerRecord<string, string>(outputTopic, m.Record.Message.Key, "out-" + m.Record.Message.Value),
                (ICommittable)m.Offset))
            .ToMaterialized(KafkaProducer.CommittableSink(ProducerSettings(),
                CommitterSettings.Default.WithMaxBatch(20).WithMaxInterval(TimeSpan.FromMilliseconds(100))), Keep.Both)
            .Run(Materializer);
        await done.WaitAsync(Deadline);
        await control.Shutdown().WaitAsync(Deadline);

        ReadAll(outputTopic, 1, 100).Select(r => r.Message.Value).Order().ShouldBe(Enumerable.Range(0, 100).Select(i => "out-" + i).Order());
        Committed(group, input, 4).Values.ShouldAllBe(o => o == 25);
    }
}
