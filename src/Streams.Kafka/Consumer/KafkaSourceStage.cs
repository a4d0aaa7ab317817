using ActorOrders.Streams.Kafka.Settings;
using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Consumer;

/// <summary>
/// One outlet fed from all assigned partitions (plain and committable sources). Records wait in a
/// queue bounded by <see cref="ConsumerSettings{TKey,TValue}.MaxBufferedRecords"/>: the driver
/// pauses partitions when it fills, so a slow downstream never grows memory.
/// </summary>
internal sealed class KafkaSourceStage<TKey, TValue, TOut>(
    ConsumerSettings<TKey, TValue> settings,
    Subscription subscription,
    Func<ConsumeResult<TKey, TValue>, ICommitter, TOut> toElement,
    string name) : GraphStageWithMaterializedValue<SourceShape<TOut>, IConsumerControl>
{
    private readonly Outlet<TOut> _out = new($"{name}.out");

    public override SourceShape<TOut> Shape => new(_out);

    private Func<ConsumeResult<TKey, TValue>, ICommitter, TOut> ToElement { get; } = toElement;

    protected override Attributes InitialAttributes => Attributes.CreateName(name);

    public override ILogicAndMaterializedValue<IConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var driver = new ConsumerDriver<TKey, TValue>(settings, subscription, perPartitionCap: false);
        var control = new ConsumerControl<TKey, TValue>(driver);
        return new LogicAndMaterializedValue<IConsumerControl>(new Logic(this, driver, control), control);
    }

    private sealed class Logic : GraphStageLogic, IConsumerListener<TKey, TValue>
    {
        private readonly KafkaSourceStage<TKey, TValue, TOut> _stage;
        private readonly ConsumerDriver<TKey, TValue> _driver;
        private readonly ConsumerControl<TKey, TValue> _control;
        private readonly Queue<Record<TKey, TValue>> _buffer = new();
        private readonly HashSet<PartitionBuffer> _live = new();
        private Action<IReadOnlyList<Record<TKey, TValue>>> _onRecords = _ => { };
        private Action<IReadOnlyList<TopicPartition>> _onRevoked = _ => { };
        private Action<IReadOnlyList<PartitionBuffer>> _onAssigned = _ => { };
        private Action _onStopped = () => { };
        private Action<Exception> _onFailed = _ => { };
        private Exception? _failure;

        public Logic(KafkaSourceStage<TKey, TValue, TOut> stage, ConsumerDriver<TKey, TValue> driver, ConsumerControl<TKey, TValue> control)
            : base(stage.Shape)
        {
            _stage = stage;
            _driver = driver;
            _control = control;
            SetHandler(stage._out, onPull: TryPush, onDownstreamFinish: cause => CompleteStage());
        }

        public override void PreStart()
        {
            _onRecords = GetAsyncCallback<IReadOnlyList<Record<TKey, TValue>>>(HandleRecords);
            _onRevoked = GetAsyncCallback<IReadOnlyList<TopicPartition>>(HandleRevoked);
            _onAssigned = GetAsyncCallback<IReadOnlyList<PartitionBuffer>>(HandleAssigned);
            _onStopped = GetAsyncCallback(HandleStopped);
            _onFailed = GetAsyncCallback<Exception>(HandleFailed);
            _driver.Start(this, Log);
        }

        public override void PostStop()
        {
            DropAll();
            _control.StageStopped(_failure);
        }

        void IConsumerListener<TKey, TValue>.OnAssigned(IReadOnlyList<PartitionBuffer> partitions) => _onAssigned(partitions);

        void IConsumerListener<TKey, TValue>.OnRevoked(IReadOnlyList<TopicPartition> partitions) => _onRevoked(partitions);

        void IConsumerListener<TKey, TValue>.OnRecords(IReadOnlyList<Record<TKey, TValue>> records) => _onRecords(records);

        void IConsumerListener<TKey, TValue>.OnStopped() => _onStopped();

        void IConsumerListener<TKey, TValue>.OnFailed(Exception error) => _onFailed(error);

        private void HandleAssigned(IReadOnlyList<PartitionBuffer> partitions)
        {
            _live.RemoveWhere(b => partitions.Any(p => p.Partition == b.Partition));
            _live.UnionWith(partitions);
        }

        private void HandleRecords(IReadOnlyList<Record<TKey, TValue>> records)
        {
            foreach (var record in records)
            {
                if (_live.Contains(record.Buffer))
                    _buffer.Enqueue(record);
                else
                    record.Buffer.Release(); // revoked while in flight to us
            }
            TryPush();
        }

        private void HandleRevoked(IReadOnlyList<TopicPartition> partitions)
        {
            var revoked = partitions.ToHashSet();
            _live.RemoveWhere(b => revoked.Contains(b.Partition));
            if (_buffer.Count == 0)
                return;
            var kept = _buffer.Where(r => !revoked.Contains(r.Buffer.Partition)).ToList();
            foreach (var dropped in _buffer.Where(r => revoked.Contains(r.Buffer.Partition)))
                dropped.Buffer.Release();
            _buffer.Clear();
            foreach (var record in kept)
                _buffer.Enqueue(record);
        }

        private void HandleStopped() => CompleteStage();

        private void HandleFailed(Exception error)
        {
            _failure = error;
            FailStage(error);
        }

        private void TryPush()
        {
            if (!IsAvailable(_stage._out) || !_buffer.TryDequeue(out var record))
                return;
            record.Buffer.Release();
            Push(_stage._out, _stage.ToElement(record.Result, _driver));
        }

        private void DropAll()
        {
            while (_buffer.TryDequeue(out var record))
                record.Buffer.Release();
        }
    }
}
