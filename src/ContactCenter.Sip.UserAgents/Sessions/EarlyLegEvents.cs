using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The events of an arriving leg before the engine has attached its sink: kept in order and given to the sink by
/// <see cref="Attach"/>, then passed straight through.
/// </summary>
/// <remarks>
/// The engine starts a call (rings, routes, offers an agent, answers) before it returns the sink that the session layer
/// attaches. A thread descheduled in between can find the caller's BYE, the late offer's ACK or the ACK timeout already
/// served: dropped, they left an answered call up with its agent for good. Requests that wait for an answer (a
/// re-INVITE, a REFER) wait for the sink.
/// </remarks>
internal sealed class EarlyLegEvents : ILegEvents
{
    private readonly Lock _gate = new();
    private readonly Queue<Action<ILegEvents>> _waiting = new();
    private readonly TaskCompletionSource<ILegEvents> _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILegEvents? _target;

    /// <summary>Gives <paramref name="target"/> every event kept so far, in order, and every later one as it comes.</summary>
    public void Attach(ILegEvents target)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            while (true)
            {
                Action<ILegEvents>? next;
                lock (_gate)
                {
                    if (!_waiting.TryDequeue(out next))
                    {
                        // Set only once nothing waits, so an event that arrives during the replay is queued behind it.
                        _target = target;
                        break;
                    }
                }

                next(target);
            }
        }
        finally
        {
            // A sink that threw on a replayed event still gets what comes later, and nothing waits for it forever.
            lock (_gate)
            {
                _target = target;
            }

            _attached.TrySetResult(target);
        }
    }

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia) => Post(t => t.OnRinging(leg, earlyMedia));

    public void OnAnswered(ILegSession leg, SdpSession media) => Post(t => t.OnAnswered(leg, media));

    public void OnDtmf(ILegSession leg, LegDtmf dtmf) => Post(t => t.OnDtmf(leg, dtmf));

    public void OnEnded(ILegSession leg, LegEnded ended) => Post(t => t.OnEnded(leg, ended));

    public async ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) =>
        await (await _attached.Task.ConfigureAwait(false)).OnMediaOfferAsync(leg, offer).ConfigureAwait(false);

    public async ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) =>
        await (await _attached.Task.ConfigureAwait(false)).OnTransferRequestedAsync(leg, request).ConfigureAwait(false);

    private void Post(Action<ILegEvents> raise)
    {
        ILegEvents? target;
        lock (_gate)
        {
            target = _target;
            if (target is null)
            {
                _waiting.Enqueue(raise);
                return;
            }
        }

        raise(target);
    }
}
