using System.Runtime.InteropServices;
using static ActorOrders.Streams.Kafka.Embedded.MockClusterNative;

namespace ActorOrders.Streams.Kafka.Embedded;

/// <summary>Kafka API keys used for fault injection.</summary>
public enum ApiKey : short
{
    Produce = 0,
    Fetch = 1,
    OffsetCommit = 8,
}

/// <summary>Broker error codes used for fault injection (Kafka protocol numbers).</summary>
public enum BrokerError
{
    NotLeaderOrFollower = 6,
    RequestTimedOut = 7,
    CoordinatorNotAvailable = 15,
    NotCoordinator = 16,
    RebalanceInProgress = 27,
}

/// <summary>
/// librdkafka's in-process mock cluster: the real Kafka protocol on 127.0.0.1, for the embedded
/// default (no broker to install) and for tests, with fault injection. Owns a bare librdkafka
/// handle made through the C API only to host the cluster; any Kafka client connects to
/// <see cref="BootstrapServers"/>.
/// </summary>
/// <remarks>
/// Limits of the mock, not of Kafka: topics a client asks for are created with 4 partitions
/// unless <see cref="CreateTopic"/> made them first; each partition keeps only its newest ~5 MB
/// (older records are dropped without a word); nothing survives the process.
/// </remarks>
public sealed class MockCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    /// <summary>Starts a cluster of <paramref name="brokers"/> brokers on free loopback ports.</summary>
    public MockCluster(int brokers = 3)
    {
        EnsureLoaded();
        var error = new byte[512];
        var conf = rd_kafka_conf_new();
        // The hosting handle never connects anywhere: its "no bootstrap.servers" warning is noise.
        rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Length);
        _handle = rd_kafka_new(0 /* producer */, conf, error, (UIntPtr)error.Length);
        if (_handle == IntPtr.Zero)
            throw new InvalidOperationException("rd_kafka_new failed: " + System.Text.Encoding.UTF8.GetString(error).TrimEnd('\0'));
        _cluster = rd_kafka_mock_cluster_new(_handle, brokers);
        if (_cluster == IntPtr.Zero)
            throw new InvalidOperationException("rd_kafka_mock_cluster_new failed");
        BrokerCount = brokers;
        BootstrapServers = Marshal.PtrToStringUTF8(rd_kafka_mock_cluster_bootstraps(_cluster))!;
        // The mock broker waits 3 s before the first rebalance of a group by default.
        rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 50);
    }

    /// <summary>The brokers' addresses, comma-separated (127.0.0.1:port,…).</summary>
    public string BootstrapServers { get; }

    /// <summary>How many brokers the cluster has (ids 1…n).</summary>
    public int BrokerCount { get; }

    /// <summary>Creates a topic with <paramref name="partitions"/> partitions (replicated on up to 3 brokers).</summary>
    public string CreateTopic(string name, int partitions = 4)
    {
        var rc = rd_kafka_mock_topic_create(_cluster, name, partitions, Math.Min(3, BrokerCount));
        if (rc != 0)
            throw new InvalidOperationException($"rd_kafka_mock_topic_create({name}) returned {rc}");
        return name;
    }

    /// <summary>The next requests of <paramref name="api"/> (whichever broker gets them) fail with these errors, one each.</summary>
    public void PushRequestErrors(ApiKey api, params BrokerError[] errors) =>
        rd_kafka_mock_push_request_errors_array(_cluster, (short)api, (UIntPtr)errors.Length, errors.Select(e => (int)e).ToArray());

    /// <summary>Takes every broker down (requests to them fail until <see cref="AllBrokersUp"/>).</summary>
    public void AllBrokersDown()
    {
        for (var id = 1; id <= BrokerCount; id++)
            rd_kafka_mock_broker_set_down(_cluster, id);
    }

    /// <summary>Brings every broker back.</summary>
    public void AllBrokersUp()
    {
        for (var id = 1; id <= BrokerCount; id++)
            rd_kafka_mock_broker_set_up(_cluster, id);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_handle);
    }
}
