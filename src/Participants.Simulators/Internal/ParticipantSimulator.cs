using Akka.Actor;
using ActorOrders.Domain.Participants;

namespace ActorOrders.Participants.Internal;

/// <summary>
/// What every simulated participant shares: a ledger entry per order, the idempotency record
/// per key, random transient failures, and replies delayed through the scheduler.
/// </summary>
/// <remarks>
/// Per request: create the order's entry → <see cref="Observe"/> (counting) → <see cref="Drops"/>
/// (silence) → random transient failure (no effect) → replay of the recorded decision for a
/// known idempotency key → <see cref="Apply"/> (the effect), recorded unless transient →
/// <see cref="LosesReply"/> (the effect stays, the answer is lost).
/// Everything is a dictionary lookup; entries are mutable but never leave the actor
/// (<see cref="LedgerQuery"/> answers with immutable snapshots).
/// </remarks>
internal abstract class ParticipantSimulator<TEntry> : ReceiveActor where TEntry : class
{
    private readonly Dictionary<string, TEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Decision> _decided = new(StringComparer.Ordinal);
    private readonly SimulatorSettings _settings;
    private readonly Random _random = new();

    protected ParticipantSimulator(SimulatorSettings settings)
    {
        _settings = settings;
        Receive<ParticipantRequest>(OnRequest);
        Receive<ParticipantReplyAck>(_ => { });
        Receive<LedgerQuery>(q => Sender.Tell(new LedgerRows(Snapshot(q.OrderId))));
    }

    /// <summary>A new, empty ledger entry for an order.</summary>
    protected abstract TEntry NewEntry(string orderId);

    /// <summary>Applies a first-seen request to the order's entry and says how to answer it.</summary>
    protected abstract Decision Apply(ParticipantRequest request, TEntry entry);

    /// <summary>The immutable snapshot of an entry sent to the ledger view.</summary>
    protected abstract ILedgerRow Row(TEntry entry);

    /// <summary>Called for every request received, before anything can drop or fail it.</summary>
    protected virtual void Observe(ParticipantRequest request, TEntry entry)
    {
    }

    /// <summary>True when the service must never see this request (no effect, no answer).</summary>
    protected virtual bool Drops(ParticipantRequest request) => false;

    /// <summary>True when the service applies this request but its answer is lost on the way back.</summary>
    protected virtual bool LosesReply(ParticipantRequest request) => false;

    private void OnRequest(ParticipantRequest request)
    {
        var entry = EntryFor(request.OrderId);
        Observe(request, entry);
        if (Drops(request)) return;

        Decision decision;
        if (_settings.FailureRate > 0 && _random.NextDouble() < _settings.FailureRate)
        {
            decision = Decision.Transient("simulated transient failure");
        }
        else if (!_decided.TryGetValue(request.IdempotencyKey, out decision))
        {
            decision = Apply(request, entry);
            if (decision.Outcome != ParticipantOutcome.TransientFailure) _decided[request.IdempotencyKey] = decision;
        }

        if (LosesReply(request)) return;
        var reply = new ParticipantReply(request.OrderId, request.Action, request.RequestId, decision.Outcome, decision.Reference, decision.Reason);
        var delay = Latency();
        if (delay <= TimeSpan.Zero)
        {
            Sender.Tell(reply, Self);
        }
        else
        {
            // The scheduler delivers later from its own thread: hand it the sender captured now.
            Context.System.Scheduler.ScheduleTellOnce(delay, Sender, reply, Self);
        }
    }

    private TEntry EntryFor(string orderId)
    {
        if (!_entries.TryGetValue(orderId, out var entry))
        {
            entry = NewEntry(orderId);
            _entries.Add(orderId, entry);
        }

        return entry;
    }

    private TimeSpan Latency()
    {
        var spread = _settings.MaxLatency - _settings.MinLatency;
        return spread <= TimeSpan.Zero
            ? _settings.MinLatency
            : _settings.MinLatency + TimeSpan.FromTicks((long)(spread.Ticks * _random.NextDouble()));
    }

    private List<ILedgerRow> Snapshot(string? orderId)
    {
        if (orderId is not null)
            return _entries.TryGetValue(orderId, out var one) ? [Row(one)] : [];

        var rows = new List<ILedgerRow>(_entries.Count);
        foreach (var entry in _entries.Values) rows.Add(Row(entry));
        return rows;
    }
}
