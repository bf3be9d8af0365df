using ContactCenter.CallEngine.Events;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sip.UserAgents.Recovery;

namespace ContactCenter.Host.Calls.Recovery;

/// <summary>
/// The engine's call events on their way to the spool, noting which calls are open (issue #15): a call's entry is written
/// when it is received and deleted when it ends, in a <see cref="RunJournal"/>. After a crash the calls earlier runs left
/// open get the <see cref="CallEnded"/> they never had (<see cref="EndOrphans"/>), so no call record stays "talking".
/// </summary>
public sealed class OpenCallsJournal(ICallEventPublisher inner, RunJournal journal, TimeProvider time) : ICallEventPublisher
{
    /// <summary>The reason an orphaned call's record shows.</summary>
    public const string RestartReason = "the engine restarted after a crash";

    /// <summary>
    /// The sequence number of the closing event: past any a real call reaches, so the call log applies it last whatever
    /// the call had published before the crash.
    /// </summary>
    public const int ClosingSequence = 1_000_000;

    /// <inheritdoc />
    public void Publish<T>(T message)
        where T : class
    {
        switch (message)
        {
            case CallReceived received:
                journal.Write(received.CallId.ToString("N"), []);
                break;
            case CallEnded ended:
                journal.Delete(ended.CallId.ToString("N"));
                break;
        }

        inner.Publish(message);
    }

    /// <summary>Publishes <see cref="CallEnded"/> (by the system, <see cref="RestartReason"/>) for every call earlier runs left open; returns their ids.</summary>
    public IReadOnlyList<Guid> EndOrphans()
    {
        var ended = new List<Guid>();
        foreach (var orphan in journal.Orphans)
        {
            if (Guid.TryParseExact(orphan.Key, "N", out var callId))
            {
                inner.Publish(new CallEnded(Guid.NewGuid(), callId, ClosingSequence, time.GetUtcNow(), CallEndedBy.System, RestartReason));
                ended.Add(callId);
            }

            journal.Resolve(orphan);
        }

        return ended;
    }
}
