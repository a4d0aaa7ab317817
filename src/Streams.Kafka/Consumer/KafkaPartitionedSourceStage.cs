using ActorOrders.Streams.Kafka.Settings;
using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// Emits one sub-source per assigned partition. Each partition has its own bounded queue and is
/// paused on its own when that queue fills, so a slow partition never holds up the others.
/// A revoked partition's sub-source completes; a cancelled one is restarted from the first
/// record it did not emit, as a fresh sub-source.
/// </summary>
internal sealed class KafkaPartitionedSourceStage<TKey, TValue, TOut>(
    ConsumerSettings<TKey, TValue> settings,
    Subscription subscription,
    Func<ConsumeResult<TKey, TValue>, ICommitter, TOut> toElement,
    string name) : GraphStageWithMaterializedValue<SourceShape<(TopicPartition, Source<TOut, NotUsed>)>, IConsumerControl>
{
    private readonly Outlet<(TopicPartition, Source<TOut, NotUsed>)> _out = new($"{name}.out");

    public override SourceShape<(TopicPartition, Source<TOut, NotUsed>)> Shape => new(_out);

    private Func<ConsumeResult<TKey, TValue>, ICommitter, TOut> ToElement { get; } = toElement;

    protected override Attributes InitialAttributes => Attributes.CreateName(name);

    public override ILogicAndMaterializedValue<IConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var driver = new ConsumerDriver<TKey, TValue>(settings, subscription, perPartitionCap: true);
        var control = new ConsumerControl<TKey, TValue>(driver);
        return new LogicAndMaterializedValue<IConsumerControl>(new Logic(this, driver, control), control);
    }

    private sealed class Logic : GraphStageLogic, IConsumerListener<TKey, TValue>
    {
        private sealed class PartitionSub(PartitionBuffer epoch, SubSourceOutlet<TOut> outlet)
        {
            public PartitionBuffer Epoch { get; } = epoch;

            public SubSourceOutlet<TOut> Outlet { get; } = outlet;

            public Queue<ConsumeResult<TKey, TValue>> Queue { get; } = new();

            public long LastEmitted { get; set; } = -1;

            public bool Closed { get; set; }

            public void DropQueue()
            {
                if (Queue.Count > 0)
                    Epoch.Release(Queue.Count);
                Queue.Clear();
            }
        }

        private readonly KafkaPartitionedSourceStage<TKey, TValue, TOut> _stage;
        private readonly ConsumerDriver<TKey, TValue> _driver;
        private readonly ConsumerControl<TKey, TValue> _control;
        private readonly Dictionary<TopicPartition, PartitionSub> _subs = new();
        private readonly Queue<PartitionSub> _toEmit = new();
        private Action<IReadOnlyList<Record<TKey, TValue>>> _onRecords = _ => { };
        private Action<IReadOnlyList<TopicPartition>> _onRevoked = _ => { };
        private Action<IReadOnlyList<PartitionBuffer>> _onAssigned = _ => { };
        private Action _onStopped = () => { };
        private Action<Exception> _onFailed = _ => { };
        private Exception? _failure;

        public Logic(KafkaPartitionedSourceStage<TKey, TValue, TOut> stage, ConsumerDriver<TKey, TValue> driver, ConsumerControl<TKey, TValue> control)
            : base(stage.Shape)
        {
            _stage = stage;
            _driver = driver;
            _control = control;
            SetHandler(stage._out, onPull: TryEmit, onDownstreamFinish: _ => Finish(null));
        }

        public override void PreStart()
        {
            _onRecords = GetAsyncCallback<IReadOnlyList<Record<TKey, TValue>>>(HandleRecords);
            _onRevoked = GetAsyncCallback<IReadOnlyList<TopicPartition>>(HandleRevoked);
            _onAssigned = GetAsyncCallback<IReadOnlyList<PartitionBuffer>>(HandleAssigned);
            _onStopped = GetAsyncCallback(() => Finish(null));
            _onFailed = GetAsyncCallback<Exception>(Finish);
            _driver.Start(this, Log);
        }

        public override void PostStop()
        {
            foreach (var sub in _subs.Values)
                sub.DropQueue();
            _subs.Clear();
            _control.StageStopped(_failure);
        }

        void IConsumerListener<TKey, TValue>.OnAssigned(IReadOnlyList<PartitionBuffer> partitions) => _onAssigned(partitions);

        void IConsumerListener<TKey, TValue>.OnRevoked(IReadOnlyList<TopicPartition> partitions) => _onRevoked(partitions);

        void IConsumerListener<TKey, TValue>.OnRecords(IReadOnlyList<Record<TKey, TValue>> records) => _onRecords(records);

        void IConsumerListener<TKey, TValue>.OnStopped() => _onStopped();

        void IConsumerListener<TKey, TValue>.OnFailed(Exception error) => _onFailed(error);

        private void HandleAssigned(IReadOnlyList<PartitionBuffer> partitions)
        {
            foreach (var epoch in partitions)
            {
                if (_subs.Remove(epoch.Partition, out var old))
                    Close(old, null);
                var outlet = new SubSourceOutlet<TOut>(this, $"{_stage._out.Name}-{epoch.Partition}");
                var sub = new PartitionSub(epoch, outlet);
                outlet.SetHandler(new SubHandler(this, sub));
                _subs[epoch.Partition] = sub;
                _toEmit.Enqueue(sub);
            }
            TryEmit();
        }

        private void HandleRecords(IReadOnlyList<Record<TKey, TValue>> records)
        {
            HashSet<PartitionSub>? touched = null;
            foreach (var record in records)
            {
                if (_subs.TryGetValue(record.Buffer.Partition, out var sub) && sub.Epoch == record.Buffer)
                {
                    sub.Queue.Enqueue(record.Result);
                    (touched ??= new HashSet<PartitionSub>()).Add(sub);
                }
                else
                {
                    record.Buffer.Release(); // revoked or restarted while in flight to us
                }
            }
            if (touched is null)
                return;
            foreach (var sub in touched)
                TryPush(sub);
        }

        private void HandleRevoked(IReadOnlyList<TopicPartition> partitions)
        {
            foreach (var tp in partitions)
            {
                if (_subs.Remove(tp, out var sub))
                    Close(sub, null);
            }
        }

        private void Finish(Exception? error)
        {
            _failure = error;
            foreach (var sub in _subs.Values)
                Close(sub, error);
            _subs.Clear();
            if (error is null)
                CompleteStage();
            else
                FailStage(error);
        }

        private void Close(PartitionSub sub, Exception? error)
        {
            sub.DropQueue();
            if (sub.Closed)
                return;
            sub.Closed = true;
            if (error is null)
                sub.Outlet.Complete();
            else
                sub.Outlet.Fail(error);
        }

        private void TryEmit()
        {
            while (IsAvailable(_stage._out) && _toEmit.TryDequeue(out var sub))
            {
                if (!sub.Closed)
                    Push<(TopicPartition, Source<TOut, NotUsed>)>(_stage._out, (sub.Epoch.Partition, Source.FromGraph(sub.Outlet.Source)));
            }
        }

        private void TryPush(PartitionSub sub)
        {
            if (sub.Closed || !sub.Outlet.IsAvailable || !sub.Queue.TryDequeue(out var result))
                return;
            sub.Epoch.Release();
            sub.LastEmitted = result.Offset.Value;
            sub.Outlet.Push(_stage.ToElement(result, _driver));
        }

        private void SubCancelled(PartitionSub sub)
        {
            if (sub.Closed)
                return;
            sub.Closed = true;
            sub.DropQueue();
            if (_subs.TryGetValue(sub.Epoch.Partition, out var current) && current == sub)
            {
                _subs.Remove(sub.Epoch.Partition);
                _driver.Reseek(sub.Epoch, sub.LastEmitted);
            }
        }

        private sealed class SubHandler(Logic logic, PartitionSub sub) : OutHandler
        {
            public override void OnPull() => logic.TryPush(sub);

            public override void OnDownstreamFinish(Exception cause) => logic.SubCancelled(sub);
        }
    }
}
