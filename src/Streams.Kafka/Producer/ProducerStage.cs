using System.Collections.Concurrent;
using ActorOrders.Streams.Kafka.Settings;
using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace ActorOrders.Streams.Kafka.Producer;

/// <summary>
/// Sends each envelope's records with <c>Produce</c> and emits its result only when every
/// delivery report is in, in input order. At most <see cref="ProducerSettings{TKey,TValue}.MaxInFlight"/>
/// records await reports. Reports arrive on librdkafka's delivery thread; they are queued and
/// handed to the stage by one async callback per burst rather than one per record.
/// </summary>
internal sealed class ProducerStage<TKey, TValue, TPass>(ProducerSettings<TKey, TValue> settings, IProducer<TKey, TValue>? shared)
    : GraphStage<FlowShape<ProducerEnvelope<TKey, TValue, TPass>, ProducerResult<TKey, TValue, TPass>>>
{
    private readonly Inlet<ProducerEnvelope<TKey, TValue, TPass>> _in = new("KafkaProducer.in");
    private readonly Outlet<ProducerResult<TKey, TValue, TPass>> _out = new("KafkaProducer.out");

    public override FlowShape<ProducerEnvelope<TKey, TValue, TPass>, ProducerResult<TKey, TValue, TPass>> Shape => new(_in, _out);

    protected override Attributes InitialAttributes => Attributes.CreateName("KafkaProducer");

    private ProducerSettings<TKey, TValue> Settings { get; } = settings;

    private IProducer<TKey, TValue>? Shared { get; } = shared;

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Pending(ProducerEnvelope<TKey, TValue, TPass> envelope, int count)
    {
        public ProducerEnvelope<TKey, TValue, TPass> Envelope { get; } = envelope;

        public DeliveryReport<TKey, TValue>[] Reports { get; } = new DeliveryReport<TKey, TValue>[count];

        public int Remaining { get; set; } = count;

        public ProducerResult<TKey, TValue, TPass> ToResult() => Envelope switch
        {
            SingleMessage<TKey, TValue, TPass> s => new SingleResult<TKey, TValue, TPass>(Reports[0], s.PassThrough),
            MultiMessage<TKey, TValue, TPass> m => new MultiResult<TKey, TValue, TPass>(Reports, m.PassThrough),
            _ => new PassThroughResult<TKey, TValue, TPass>(Envelope.PassThrough),
        };
    }

    private sealed class Logic : GraphStageLogic
    {
        private readonly ProducerStage<TKey, TValue, TPass> _stage;
        private readonly Queue<Pending> _pending = new();
        private readonly ConcurrentQueue<(Pending Pending, int Index, DeliveryReport<TKey, TValue> Report)> _reports = new();
        private IProducer<TKey, TValue>? _producer;
        private Action _onReports = () => { };
        private int _drainScheduled;
        private int _inFlight;

        public Logic(ProducerStage<TKey, TValue, TPass> stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: CompleteIfDone);
            SetHandler(stage._out, onPull: () =>
            {
                TryEmit();
                CompleteIfDone();
            });
        }

        public override void PreStart()
        {
            _onReports = GetAsyncCallback(DrainReports);
            _producer = _stage.Shared ?? _stage.Settings.CreateProducer(Log);
            Pull(_stage._in);
        }

        public override void PostStop()
        {
            if (_stage.Shared is not null || _producer is null)
                return;
            // Flush is blocking: run it off the stream's dispatcher so stopping never stalls other stages.
            var producer = _producer;
            var timeout = _stage.Settings.FlushTimeout;
            new Thread(() =>
            {
                try
                {
                    producer.Flush(timeout);
                }
                finally
                {
                    producer.Dispose();
                }
            }) { IsBackground = true, Name = "kafka-producer-flush" }.Start();
        }

        private void OnPush()
        {
            var envelope = Grab(_stage._in);
            switch (envelope)
            {
                case SingleMessage<TKey, TValue, TPass> single:
                    Send(Enqueue(envelope, 1), 0, single.Record);
                    break;
                case MultiMessage<TKey, TValue, TPass> multi:
                    var pending = Enqueue(envelope, multi.Records.Count);
                    for (var i = 0; i < multi.Records.Count; i++)
                        Send(pending, i, multi.Records[i]);
                    break;
                default:
                    Enqueue(envelope, 0);
                    break;
            }
            TryEmit();
            MaybePull();
        }

        private Pending Enqueue(ProducerEnvelope<TKey, TValue, TPass> envelope, int count)
        {
            var pending = new Pending(envelope, count);
            _pending.Enqueue(pending);
            return pending;
        }

        private void Send(Pending pending, int index, ProducerRecord<TKey, TValue> record)
        {
            _inFlight++;
            try
            {
                _producer!.Produce(record.TopicPartition, record.Message, report => OnDelivery(pending, index, report));
            }
            catch (KafkaException ex)
            {
                // Rejected before it was queued (e.g. too large): report it like a failed delivery.
                OnDelivery(pending, index, new DeliveryReport<TKey, TValue>
                {
                    Error = ex.Error,
                    Message = record.Message,
                    TopicPartitionOffset = new TopicPartitionOffset(record.TopicPartition, Offset.Unset),
                    Status = PersistenceStatus.NotPersisted,
                });
            }
        }

        // librdkafka's delivery thread.
        private void OnDelivery(Pending pending, int index, DeliveryReport<TKey, TValue> report)
        {
            _reports.Enqueue((pending, index, report));
            if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
                _onReports();
        }

        private void DrainReports()
        {
            // Reset first: a report enqueued after this line schedules another drain.
            Volatile.Write(ref _drainScheduled, 0);
            while (_reports.TryDequeue(out var item))
            {
                _inFlight--;
                item.Pending.Reports[item.Index] = item.Report;
                item.Pending.Remaining--;
                if (item.Report.Error.IsError && _stage.Settings.ErrorMode == ProducerErrorMode.FailStream)
                {
                    FailStage(new ProduceException<TKey, TValue>(item.Report.Error, item.Report));
                    return;
                }
            }
            TryEmit();
            MaybePull();
            CompleteIfDone();
        }

        private void TryEmit()
        {
            if (IsAvailable(_stage._out) && _pending.TryPeek(out var head) && head.Remaining == 0)
                Push(_stage._out, _pending.Dequeue().ToResult());
        }

        private void MaybePull()
        {
            if (_inFlight < _stage.Settings.MaxInFlight && !HasBeenPulled(_stage._in) && !IsClosed(_stage._in))
                Pull(_stage._in);
        }

        private void CompleteIfDone()
        {
            if (IsClosed(_stage._in) && _pending.Count == 0)
                CompleteStage();
        }
    }
}
