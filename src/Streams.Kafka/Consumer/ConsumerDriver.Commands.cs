using Akka.Event;
using System.Diagnostics;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>Commands, commits, lag and closing of the driver (all on the polling thread).</summary>
internal sealed partial class ConsumerDriver<TKey, TValue>
{
    private void RunCommands()
    {
        while (_commands.TryDequeue(out var command))
        {
            switch (command)
            {
                case ActionCommand action:
                    action.Run();
                    break;
                case CommitCommand commit:
                    Commit(commit);
                    break;
                case LagCommand lag:
                    lag.Complete(ComputeLag);
                    break;
            }
        }
    }

    private void RunDueRetries()
    {
        if (_retries.Count == 0)
            return;
        var due = _retries.Where(r => r.IsDue).ToList();
        foreach (var retry in due)
        {
            _retries.Remove(retry);
            Commit(retry);
        }
    }

    private void Commit(CommitCommand command)
    {
        // Offsets of partitions no longer ours are dropped: the new owner resumes from the last
        // committed offset (at-least-once), and committing them now would be rejected anyway.
        var owned = command.Offsets.Where(o => _assigned.ContainsKey(o.TopicPartition)).ToList();
        if (owned.Count == 0)
        {
            command.Succeed();
            return;
        }
        try
        {
            _consumer!.Commit(owned);
            command.Succeed();
        }
        catch (KafkaException ex) when (CommitErrors.IsRetryable(ex) && command.Attempt < _settings.CommitRetries)
        {
            command.Attempt++;
            command.DueAtTimestamp = Stopwatch.GetTimestamp() + (long)(_settings.CommitRetryBackoff.TotalSeconds * Stopwatch.Frequency);
            _retries.Add(command);
            _log.Warning("Kafka commit failed with a retryable error ({0}); retry {1} of {2}", ex.Error, command.Attempt, _settings.CommitRetries);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Kafka commit failed");
            command.Fail(ex);
        }
    }

    private IReadOnlyList<PartitionLag> ComputeLag()
    {
        var partitions = _assigned.Keys.OrderBy(p => p.Topic).ThenBy(p => p.Partition.Value).ToList();
        if (partitions.Count == 0)
            return [];
        var committed = _settings.GroupId is null
            ? new Dictionary<TopicPartition, Offset>()
            : _consumer!.Committed(partitions, _settings.MetadataTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var result = new List<PartitionLag>(partitions.Count);
        foreach (var tp in partitions)
        {
            var marks = _consumer!.GetWatermarkOffsets(tp);
            if (marks.High == Offset.Unset)
                marks = _consumer.QueryWatermarkOffsets(tp, _settings.MetadataTimeout);
            long? done = committed.TryGetValue(tp, out var c) && c != Offset.Unset ? c.Value : null;
            var position = _consumer.Position(tp);
            var lag = marks.High.Value - (done ?? Math.Max(marks.Low.Value, 0));
            result.Add(new PartitionLag(tp, done, position == Offset.Unset ? null : position.Value, marks.High.Value, Math.Max(lag, 0)));
        }
        return result;
    }

    private void OnClientError(Confluent.Kafka.Error error)
    {
        if (error.IsFatal)
            throw new KafkaException(error);
        // librdkafka recovers from these by itself (reconnects, coordinator re-discovery);
        // only "everything is down" deserves attention.
        if (error.Code == ErrorCode.Local_AllBrokersDown)
            _log.Warning("Kafka consumer: {0}", error.Reason);
        else
            _log.Debug("Kafka consumer error: {0}", error);
    }

    private void OnClientLog(Confluent.Kafka.LogMessage message)
    {
        if (message.Level <= SyslogLevel.Error)
            _log.Warning("librdkafka [{0}] {1}", message.Facility, message.Message);
        else if (_settings.Properties.ContainsKey("debug")) // librdkafka debug contexts were asked for explicitly
            _log.Info("librdkafka [{0}] {1}", message.Facility, message.Message);
        else
            _log.Debug("librdkafka [{0}] {1}", message.Facility, message.Message);
    }

    private void Close()
    {
        var closed = new ConsumerClosedException("The Kafka consumer is closed");
        _accepting = false; // from here on Enqueue aborts instead of queueing
        while (_commands.TryDequeue(out var command))
            command.Abort(closed);
        foreach (var retry in _retries)
            retry.Abort(closed);
        _retries.Clear();
        if (!_stopReported)
        {
            _stopReported = true;
            _listener.OnStopped();
        }
        if (_consumer is null)
        {
            _closed.TrySetResult();
            return;
        }
        try
        {
            _consumer.Close(); // leaves the group now instead of after session.timeout.ms
        }
        catch (Exception ex)
        {
            _log.Warning("Closing the Kafka consumer failed: {0}", ex.Message);
        }
        finally
        {
            _consumer.Dispose();
            _closed.TrySetResult();
        }
    }
}
