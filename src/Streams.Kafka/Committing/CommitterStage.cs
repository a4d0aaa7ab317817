using ActorOrders.Streams.Kafka.Consumer;
using ActorOrders.Streams.Kafka.Settings;
using Akka.Streams;
using Akka.Streams.Stage;

namespace ActorOrders.Streams.Kafka.Committing;

/// <summary>
/// Aggregates offsets (highest per partition wins) and commits a batch when it reaches
/// <see cref="CommitterSettings.MaxBatch"/> or <see cref="CommitterSettings.MaxInterval"/> after
/// its first offset, with at most <see cref="CommitterSettings.Parallelism"/> commits in flight.
/// On upstream completion it commits what is left and completes once every commit succeeded,
/// which is what makes drain-and-shutdown commit exactly what was processed.
/// </summary>
internal sealed class CommitterStage(CommitterSettings settings) : GraphStage<FlowShape<ICommittable, CommittableOffsetBatch>>
{
    private readonly Inlet<ICommittable> _in = new("Committer.in");
    private readonly Outlet<CommittableOffsetBatch> _out = new("Committer.out");

    private CommitterSettings Settings { get; } = settings;

    public override FlowShape<ICommittable, CommittableOffsetBatch> Shape => new(_in, _out);

    protected override Attributes InitialAttributes => Attributes.CreateName("KafkaCommitter");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : TimerGraphStageLogic
    {
        private const string FlushTimer = "flush";
        private readonly CommitterStage _stage;
        private readonly Queue<CommittableOffsetBatch> _committed = new();
        private CommittableOffsetBatch _batch = CommittableOffsetBatch.Empty;
        private Action<(CommittableOffsetBatch Batch, Exception? Error)> _onCommitted = _ => { };
        private int _inFlight;

        public Logic(CommitterStage stage) : base(stage.Shape)
        {
            _stage = stage;
            SetHandler(stage._in, onPush: OnPush, onUpstreamFinish: () =>
            {
                Flush();
                CompleteIfDone();
            });
            SetHandler(stage._out, onPull: () =>
            {
                TryEmit();
                CompleteIfDone();
                MaybePull();
            });
        }

        private CommitterSettings Settings => _stage.Settings;

        public override void PreStart()
        {
            _onCommitted = GetAsyncCallback<(CommittableOffsetBatch, Exception?)>(OnCommitted);
            Pull(_stage._in);
        }

        protected override void OnTimer(object timerKey) => Flush();

        private void OnPush()
        {
            var wasEmpty = _batch.IsEmpty;
            _batch = _batch.Updated(Grab(_stage._in));
            if (_batch.BatchSize >= Settings.MaxBatch)
                Flush();
            else if (wasEmpty)
                ScheduleOnce(FlushTimer, Settings.MaxInterval);
            MaybePull();
        }

        private void Flush()
        {
            if (_batch.IsEmpty || _inFlight >= Settings.Parallelism)
                return;
            CancelTimer(FlushTimer);
            var batch = _batch;
            _batch = CommittableOffsetBatch.Empty;
            _inFlight++;
            var callback = _onCommitted;
            batch.CommitAsync().ContinueWith(
                t => callback((batch, t.Exception?.GetBaseException())),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        private void OnCommitted((CommittableOffsetBatch Batch, Exception? Error) result)
        {
            _inFlight--;
            if (result.Error is not null)
            {
                FailStage(result.Error);
                return;
            }
            _committed.Enqueue(result.Batch);
            TryEmit();
            if (_batch.BatchSize >= Settings.MaxBatch || IsClosed(_stage._in))
                Flush();
            MaybePull();
            CompleteIfDone();
        }

        private void MaybePull()
        {
            var room = _batch.BatchSize < Settings.MaxBatch && _committed.Count < Settings.Parallelism;
            if (room && !HasBeenPulled(_stage._in) && !IsClosed(_stage._in))
                Pull(_stage._in);
        }

        private void TryEmit()
        {
            if (IsAvailable(_stage._out) && _committed.TryDequeue(out var batch))
                Push(_stage._out, batch);
        }

        private void CompleteIfDone()
        {
            if (IsClosed(_stage._in) && _batch.IsEmpty && _inFlight == 0 && _committed.Count == 0)
                CompleteStage();
        }
    }
}
