using System.Runtime.InteropServices;
using static ActorOrders.Streams.Kafka.Tests.Infrastructure.MockClusterNative;

namespace ActorOrders.Streams.Kafka.Tests.Infrastructure;

/// <summary>Kafka API keys used for fault injection.</summary>
internal enum ApiKey : short
{
    Produce = 0,
    Fetch = 1,
    OffsetCommit = 8,
}

/// <summary>Broker error codes used for fault injection (Kafka protocol numbers).</summary>
internal enum BrokerError
{
    NotLeaderOrFollower = 6,
    RequestTimedOut = 7,
    CoordinatorNotAvailable = 15,
    NotCoordinator = 16,
    RebalanceInProgress = 27,
}

/// <summary>
/// A librdkafka mock cluster: real Kafka protocol on loopback, with fault injection. Owns a
/// bare librdkafka handle made through the C API only to host the cluster.
/// </summary>
internal sealed class MockCluster : IDisposable
{
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    public MockCluster(int brokers = 3)
    {
        EnsureLoaded();
        var error = new byte[512];
        _handle = rd_kafka_new(0 /* producer */, rd_kafka_conf_new(), error, (UIntPtr)error.Length);
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

    public string BootstrapServers { get; }

    public int BrokerCount { get; }

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

    public void AllBrokersDown()
    {
        for (var id = 1; id <= BrokerCount; id++)
            rd_kafka_mock_broker_set_down(_cluster, id);
    }

    public void AllBrokersUp()
    {
        for (var id = 1; id <= BrokerCount; id++)
            rd_kafka_mock_broker_set_up(_cluster, id);
    }

    public void Dispose()
    {
        rd_kafka_mock_cluster_destroy(_cluster);
        rd_kafka_destroy(_handle);
    }
}
