namespace ContactCenter.Acd.Queues;

/// <summary>
/// The calls waiting in each queue, in arrival order, so that the router serves them first come, first served:
/// a call is given agents only when fewer calls ahead of it are waiting than agents are free. Keeps each call's
/// enqueue time (for the maximum wait), the average wait of answered calls (for the expected-wait estimate) and
/// counts of answered, abandoned and overflowed calls. Today's figures and the service level come from the call log (the
/// CRM's <c>ServiceLevel</c>), not from here. Thread-safe.
/// </summary>
public sealed class QueueTracker(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, QueueState> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Guid, Entry> _calls = [];

    /// <summary>
    /// Puts <paramref name="callId"/> in <paramref name="queue"/> (once; a call moving to another queue leaves the
    /// old one) and tells how many calls ahead of it wait without an agent, and since when it waits.
    /// </summary>
    public (int Ahead, DateTimeOffset EnqueuedAt) Enter(Guid callId, string queue)
    {
        lock (_gate)
        {
            if (_calls.TryGetValue(callId, out var entry) && !string.Equals(entry.Queue, queue, StringComparison.OrdinalIgnoreCase))
            {
                RemoveLocked(entry, Outcome.Overflowed);
                entry = null;
            }

            if (entry is null)
            {
                entry = new Entry(callId, queue, time.GetUtcNow());
                _calls[callId] = entry;
                Get(queue).Waiting.Add(entry);
            }

            var ahead = 0;
            foreach (var other in Get(queue).Waiting)
            {
                if (other == entry)
                {
                    break;
                }

                if (!other.Offering && !other.Dispatching)
                {
                    ahead++;
                }
            }

            return (ahead, entry.EnqueuedAt);
        }
    }

    /// <summary>Marks whether the router just gave the call agents to ring (it then does not hold back calls behind it).</summary>
    public void SetOffering(Guid callId, bool offering)
    {
        lock (_gate)
        {
            if (_calls.TryGetValue(callId, out var entry))
            {
                entry.Offering = offering;
            }
        }
    }

    /// <summary>The call left its queue for an overflow target.</summary>
    public void Overflow(Guid callId) => _ = Leave(callId, Outcome.Overflowed);

    /// <summary>The queue closed while the call waited: it leaves without counting as answered, abandoned or overflowed.</summary>
    public void Closed(Guid callId) => _ = Leave(callId, Outcome.Closed);

    /// <summary>
    /// The call was answered (true) or ended unanswered (false, an abandonment); returns the queue it was in, or null
    /// when it was in none.
    /// </summary>
    public string? Complete(Guid callId, bool answered) => Leave(callId, answered ? Outcome.Answered : Outcome.Abandoned);

    /// <summary>
    /// The waiting caller <paramref name="callId"/> asked to be called back at <paramref name="number"/>: the entry stays in
    /// its place with its enqueue time, as a callback (the call itself ends). A number already waiting for a callback
    /// in any queue is not added twice. False when the call is not queued.
    /// </summary>
    public bool ConvertToCallback(Guid callId, string number)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var entry) || entry.IsCallback)
            {
                return false;
            }

            _calls.Remove(callId);
            if (_calls.Values.Any(e => e.IsCallback && e.Number == number))
            {
                Get(entry.Queue).Waiting.Remove(entry);
                return true;
            }

            entry.CallId = Guid.NewGuid();
            entry.Number = number;
            entry.IsCallback = true;
            entry.Offering = false;
            _calls[entry.CallId] = entry;
            Changed?.Invoke(new SavedCallback(entry.CallId, entry.Queue, number, entry.EnqueuedAt, null));
            return true;
        }
    }

    /// <summary>Raised inside the tracker's lock when a callback is added or settled, for saving: handlers must be quick and not call back.</summary>
    public event Action<SavedCallback>? Changed;

    /// <summary>Puts back callbacks saved before a restart, each at its place by enqueue time (ids already known are skipped).</summary>
    public void RestoreCallbacks(IEnumerable<SavedCallback> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        lock (_gate)
        {
            foreach (var callback in saved.Where(c => c.Outcome is null))
            {
                if (_calls.ContainsKey(callback.Id))
                {
                    continue;
                }

                var entry = new Entry(callback.Id, callback.Queue, callback.EnqueuedAt) { Number = callback.Number, IsCallback = true };
                _calls[entry.CallId] = entry;
                var waiting = Get(callback.Queue).Waiting;
                var index = waiting.FindIndex(e => e.EnqueuedAt > callback.EnqueuedAt);
                waiting.Insert(index < 0 ? waiting.Count : index, entry);
            }
        }
    }

    /// <summary>The entries of <paramref name="queue"/> in order: live calls and callbacks.</summary>
    public IReadOnlyList<QueueEntry> GetWaiting(string queue)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var state)
                ? [.. state.Waiting.Select(e => new QueueEntry(e.CallId, e.IsCallback, e.Number, e.Offering || e.Dispatching, e.EnqueuedAt))]
                : [];
        }
    }

    /// <summary>Marks a callback as being placed; false when it is gone or already being placed (never twice at once).</summary>
    public bool TryStartCallback(Guid id)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(id, out var entry) || !entry.IsCallback || entry.Dispatching)
            {
                return false;
            }

            entry.Dispatching = true;
            return true;
        }
    }

    /// <summary>
    /// A callback was placed: <paramref name="done"/> removes it (the client was dialled, answered or not: never called
    /// twice), otherwise it goes back to its place (the agent did not answer; the client was not called).
    /// </summary>
    public void EndCallback(Guid id, bool done, bool answered)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(id, out var entry))
            {
                return;
            }

            if (done)
            {
                RemoveLocked(entry, answered ? Outcome.Answered : Outcome.Abandoned);
                Changed?.Invoke(new SavedCallback(entry.CallId, entry.Queue, entry.Number!, entry.EnqueuedAt, answered ? "answered" : "not answered"));
            }
            else
            {
                entry.Dispatching = false;
            }
        }
    }

    /// <summary>How many calls wait in <paramref name="queue"/> now (without an agent ringing).</summary>
    public int CountWaiting(string queue)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var state) ? state.Waiting.Count(e => !e.Offering && !e.Dispatching) : 0;
        }
    }

    /// <summary>The figures of <paramref name="queue"/> since start.</summary>
    public QueueFigures GetFigures(string queue)
    {
        lock (_gate)
        {
            if (!_queues.TryGetValue(queue, out var s))
            {
                return new QueueFigures(queue, 0, 0, 0, 0, null, null, 0);
            }

            var now = time.GetUtcNow();
            var longest = s.Waiting.Count == 0 ? (TimeSpan?)null : now - s.Waiting.Min(e => e.EnqueuedAt);
            return new QueueFigures(queue, s.Waiting.Count(e => !e.IsCallback), s.Answered, s.Abandoned, s.Overflowed, longest, s.AverageWait,
                s.Waiting.Count(e => e.IsCallback));
        }
    }

    /// <summary>
    /// The expected wait for a call at <paramref name="position"/> in <paramref name="queue"/> served by
    /// <paramref name="staffed"/> agents: the average wait of answered calls scaled by the position; null without history.
    /// </summary>
    public TimeSpan? ExpectedWait(string queue, int position, int staffed)
    {
        lock (_gate)
        {
            return _queues.TryGetValue(queue, out var s) && s.AverageWait is { } average
                ? average * Math.Max(1, position) / Math.Max(1, staffed)
                : null;
        }
    }

    private string? Leave(Guid callId, Outcome outcome)
    {
        lock (_gate)
        {
            if (!_calls.TryGetValue(callId, out var entry))
            {
                return null;
            }

            RemoveLocked(entry, outcome);
            return entry.Queue;
        }
    }

    private void RemoveLocked(Entry entry, Outcome outcome)
    {
        _calls.Remove(entry.CallId);
        var state = Get(entry.Queue);
        state.Waiting.Remove(entry);
        var now = time.GetUtcNow();
        switch (outcome)
        {
            case Outcome.Answered:
                state.Answered++;
                var waited = now - entry.EnqueuedAt;
                // Exponentially weighted: recent calls count most, one slow call does not dominate.
                state.AverageWait = state.AverageWait is { } average ? (average * 0.8) + (waited * 0.2) : waited;
                break;
            case Outcome.Abandoned:
                state.Abandoned++;
                break;
            case Outcome.Closed:
                break;
            default:
                state.Overflowed++;
                break;
        }
    }

    private QueueState Get(string queue)
    {
        if (!_queues.TryGetValue(queue, out var state))
        {
            state = new QueueState();
            _queues[queue] = state;
        }

        return state;
    }

    private enum Outcome
    {
        Answered,
        Abandoned,
        Overflowed,
        Closed,
    }

    private sealed class QueueState
    {
        public List<Entry> Waiting { get; } = [];

        public int Answered { get; set; }

        public int Abandoned { get; set; }

        public int Overflowed { get; set; }

        public TimeSpan? AverageWait { get; set; }
    }

    private sealed class Entry(Guid callId, string queue, DateTimeOffset enqueuedAt)
    {
        public Guid CallId { get; set; } = callId;

        public string? Number { get; set; }

        public bool IsCallback { get; set; }

        public bool Dispatching { get; set; }

        public string Queue { get; } = queue;

        public DateTimeOffset EnqueuedAt { get; } = enqueuedAt;

        public bool Offering { get; set; }
    }
}
