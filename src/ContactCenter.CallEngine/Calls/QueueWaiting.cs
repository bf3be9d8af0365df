using ContactCenter.CallEngine.Agents;
using ContactCenter.CallEngine.Media;
using ContactCenter.CallEngine.Routing;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A queued caller's wait between routing rounds: the queue's announcements (on joining, then the position every
/// <c>QueueAnnounceInterval</c>) over music on hold, the wait for an agent to be freed, and the callback key.
/// </summary>
internal sealed class QueueWaiting(ICallContext call, CallerAnnouncements announcements, string? callerNumberE164)
{
    private string? _queued;
    private DateTimeOffset _nextPosition = DateTimeOffset.MaxValue;

    private CallServices Services => call.Services;

    /// <summary>
    /// One round in <paramref name="queue"/>: announces, and when nobody could be offered the call this round
    /// (<paramref name="offered"/> false) waits for an agent or a key. True when the call ended here (callback requested).
    /// </summary>
    public async Task<bool> WaitAsync(QueueWait queue, bool offered, CancellationToken cancellationToken)
    {
        var now = call.Now;
        if (!string.Equals(_queued, queue.QueueName, StringComparison.Ordinal))
        {
            _queued = queue.QueueName;
            call.Publish(sequence => new CallQueued(Guid.NewGuid(), call.Id, sequence, now, queue.QueueName, queue.Position));
            Services.Logger.Queued(call.Id, queue.QueueName, queue.Position);
            // Not awaited: the queue keeps looking for an agent (and listening for keys) while it plays.
            call.Observe(announcements.PlayAsync([.. queue.Announcement is { } intro ? [intro] : Array.Empty<string>(), .. PositionPrompt(queue)],
                "music-on-hold", cancellationToken));
            _nextPosition = now + Services.Calls.QueueAnnounceInterval;
        }
        else if (now >= _nextPosition && PositionPrompt(queue) is { Count: > 0 } prompt)
        {
            call.Observe(announcements.PlayAsync(prompt, "music-on-hold", cancellationToken));
            _nextPosition = now + Services.Calls.QueueAnnounceInterval;
        }

        if (offered)
        {
            return false;
        }

        var key = await WaitForAgentsAsync(queue.CallbackKey is not null && callerNumberE164 is not null && !call.LateOffer, cancellationToken)
            .ConfigureAwait(false);
        if (key is not { } pressed || pressed != queue.CallbackKey || !Services.Router.RequestCallback(call.Id, queue.QueueName, callerNumberE164!))
        {
            return false;
        }

        Services.Logger.CallbackRequested(call.Id, queue.QueueName);
        await announcements.PlayAsync("callback-confirmed", null, cancellationToken).ConfigureAwait(false);
        await call.EndAsync(CallEndedBy.Caller, "callback requested", LegEndCause.Unavailable, null).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// "You are number 3 in the queue. Your expected wait is about 4 minutes.", as the names of the recorded pieces
    /// (sip-config/announcements/queue-you-are.wav, number-3.wav, ...); positions past 9 say "more than nine".
    /// </summary>
    private static List<string> PositionPrompt(QueueWait queue)
    {
        List<string> names = ["queue-you-are", queue.Position <= 9 ? $"number-{queue.Position}" : "number-many", "queue-in-line"];
        if (queue.ExpectedWait is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            names.AddRange(["queue-wait-about", minutes <= 9 ? $"number-{minutes}" : "number-many", minutes == 1 ? "queue-minute" : "queue-minutes"]);
        }

        return names;
    }

    /// <summary>
    /// Waits until an agent's calls change (one may be free now) or the queue's poll interval passes; with
    /// <paramref name="listen"/>, also for a key the caller presses (returned), e.g. to ask for a callback.
    /// </summary>
    private async Task<char?> WaitForAgentsAsync(bool listen, CancellationToken cancellationToken)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(AgentActivityChange change)
        {
            if (change.Kind is AgentActivityKind.Released or AgentActivityKind.CallEnded)
            {
                changed.TrySetResult();
            }
        }

        Services.Agents.Changed += OnChanged;
        // Keys are heard only while waiting: the listener is removed before any agent is offered the call (the
        // bridge takes the caller's media handler then).
        var listener = listen ? new DtmfListener() : null;
        if (listener is not null)
        {
            call.CallerMedia.Endpoint.SetHandler(listener);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var key = listener is null ? Task.Delay(Timeout.Infinite, stop.Token) : listener.Digits.ReadAsync(stop.Token).AsTask();
            var first = await Task.WhenAny(changed.Task, Task.Delay(Services.Calls.QueuePollInterval, Services.Time, stop.Token), key).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return first == key && key is Task<char> digit ? await digit.ConfigureAwait(false) : null;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            Services.Agents.Changed -= OnChanged;
            if (listener is not null)
            {
                call.CallerMedia.Endpoint.SetHandler(null);
            }
        }
    }
}
