using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using ActorOrders.Streams.Kafka.Tests.Infrastructure;
using Akka.Configuration;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorOrders.Streams.Kafka.Tests;

public sealed class SettingsSpec(ITestOutputHelper output) : KafkaSpec(output)
{
    [Fact]
    public void Hocon_sets_stage_knobs_and_passes_every_client_property_through()
    {
        var config = ConfigurationFactory.ParseString("""
            orders-consumer {
              poll-timeout = 20ms
              max-buffered-records = 77
              stop-timeout = 3s
              kafka-clients {
                bootstrap.servers = "broker-1:9092,broker-2:9092"
                group.id = orders
                security.protocol = SASL_SSL
                sasl.mechanism = PLAIN
                "sasl.username" = svc
                ssl.ca.location = /etc/ssl/ca.pem
              }
            }
            """).GetConfig("orders-consumer");

        var settings = ConsumerSettings<string, string>.FromConfig(config);

        settings.PollTimeout.ShouldBe(TimeSpan.FromMilliseconds(20));
        settings.MaxBufferedRecords.ShouldBe(77);
        settings.StopTimeout.ShouldBe(TimeSpan.FromSeconds(3));
        settings.Properties["bootstrap.servers"].ShouldBe("broker-1:9092,broker-2:9092");
        settings.GroupId.ShouldBe("orders");
        settings.Properties["security.protocol"].ShouldBe("SASL_SSL");
        settings.Properties["sasl.mechanism"].ShouldBe("PLAIN");
        settings.Properties["sasl.username"].ShouldBe("svc");
        settings.Properties["ssl.ca.location"].ShouldBe("/etc/ssl/ca.pem");
        settings.Properties["enable.auto.commit"].ShouldBe("false");
    }

    [Fact]
    public void Configuration_style_key_values_set_stage_knobs_and_client_properties()
    {
        var pairs = new Dictionary<string, string?>
        {
            ["Kafka:max-in-flight"] = "64",
            ["Kafka:error-mode"] = "emit-result",
            ["Kafka:kafka-clients:bootstrap.servers"] = "b:9092",
            ["Kafka:kafka-clients:linger.ms"] = "2",
            ["Other:ignored"] = "x",
        };

        var settings = ProducerSettings<string, string>.FromKeyValues(pairs);

        settings.MaxInFlight.ShouldBe(64);
        settings.ErrorMode.ShouldBe(ProducerErrorMode.EmitResult);
        settings.Properties["linger.ms"].ShouldBe("2");
        settings.Properties["enable.idempotence"].ShouldBe("true");
        settings.Properties["acks"].ShouldBe("all");
    }

    [Theory]
    [InlineData("max-buffered-records", "0")]
    [InlineData("poll-timeout", "soon")]
    [InlineData("max-bufered-records", "10")]
    [InlineData("commit-retries", "-1")]
    public void An_invalid_or_unknown_stage_setting_fails_at_once_naming_its_key(string key, string value)
    {
        var pairs = new Dictionary<string, string?> { ["Kafka:kafka-clients:bootstrap.servers"] = "b:9092", ["Kafka:" + key] = value };

        Should.Throw<KafkaSettingsException>(() => ConsumerSettings<string, string>.FromKeyValues(pairs)).Key.ShouldBe(key);
    }

    [Fact]
    public void Missing_bootstrap_servers_and_conflicting_properties_are_rejected_naming_the_key()
    {
        Should.Throw<KafkaSettingsException>(() => ConsumerSettings<string, string>.FromKeyValues([]))
            .Key.ShouldBe("kafka-clients.bootstrap.servers");
        Should.Throw<KafkaSettingsException>(() => KafkaConsumer.CommittableSource(
                ConsumerSettings<string, string>.Create("b:9092", "g").WithProperty("enable.auto.commit", "true"), Subscription.Topics("t")))
            .Key.ShouldBe("enable.auto.commit");
        Should.Throw<KafkaSettingsException>(() => KafkaConsumer.PlainSource(
                ConsumerSettings<string, string>.Create("b:9092"), Subscription.Topics("t")))
            .Key.ShouldBe("group.id");
        Should.Throw<KafkaSettingsException>(() => ConsumerSettings<string, string>.Create("b:9092").WithMaxBufferedRecords(-5))
            .Key.ShouldBe("max-buffered-records");
    }

    [Fact]
    public async Task A_client_property_librdkafka_rejects_fails_the_source_at_once_naming_the_property()
    {
        var settings = ConsumerSettings(NewGroup()).WithProperty("no.such.property", "1");

        var (control, done) = KafkaConsumer.PlainSource(settings, Subscription.Topics("t"))
            .ToMaterialized(Sink.Ignore<ConsumeResult<string, string>>(), Keep.Both)
            .Run(Materializer);

        (await Should.ThrowAsync<KafkaSettingsException>(done.WaitAsync(Deadline))).Key.ShouldBe("no.such.property");
        await control.IsShutdown.WaitAsync(Deadline);
        Should.Throw<KafkaSettingsException>(() => ProducerSettings().WithProperty("message.max.bytes", "huge").CreateProducer().Dispose())
            .Key.ShouldBe("message.max.bytes");
    }
}
