using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// The events of a leg the engine placed. Until it is answered, one awaited outcome: its answer (with the answerer's
/// media) or its end (the offer decides on the first). After the answer, the leg's media offers, transfer requests and
/// end go to its owner (<see cref="Owner"/>, which an attended transfer changes with <see cref="MoveTo"/>).
/// </summary>
internal sealed class OfferWaiter(ILegOwner owner) : ILegEvents
{
    private readonly TaskCompletionSource<(SdpSession? Answer, LegEnded? Ended)> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ILegOwner _owner = owner;

    /// <summary>Completes with the answer's media, or with why the leg ended unanswered.</summary>
    public Task<(SdpSession? Answer, LegEnded? Ended)> Outcome => _outcome.Task;

    /// <summary>The call the answered leg belongs to now.</summary>
    public ILegOwner Owner => Volatile.Read(ref _owner);

    /// <summary>From now on the leg's events go to <paramref name="owner"/>.</summary>
    public void MoveTo(ILegOwner owner) => Volatile.Write(ref _owner, owner);

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia)
    {
        // Ringing changes nothing for the call: the caller keeps hearing its ringback or announcement.
    }

    public void OnAnswered(ILegSession leg, SdpSession media) => _outcome.TrySetResult((media, null));

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => Owner.OnMediaOfferAsync(leg, offer);

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => Owner.OnTransferRequestedAsync(leg, request);

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
        // Key presses reach the call in its media (RFC 4733).
    }

    public void OnEnded(ILegSession leg, LegEnded ended)
    {
        if (!_outcome.TrySetResult((null, ended)))
        {
            Owner.OnLegEnded(leg, ended);
        }

        // The leg is over: let go of the call. The session layer keeps an ended leg's session while its transactions
        // absorb retransmissions (up to 32 s over UDP); holding the owner would keep the whole call, its media and
        // sockets alive that long (issue #14: ~30,000 ended calls in the heap at 1,000 calls/s).
        Volatile.Write(ref _owner, EndedLeg.Instance);
    }

    /// <summary>
    /// The call has ended (its own hang-up included, which the session does not report back): the leg's events no longer
    /// lead to <paramref name="call"/> - unless a transfer has handed the leg to another call meanwhile.
    /// </summary>
    public void Release(Call call)
    {
        var owner = Volatile.Read(ref _owner);
        if (owner is CallLeg leg && ReferenceEquals(leg.Call, call))
        {
            Interlocked.CompareExchange(ref _owner, EndedLeg.Instance, owner);
        }
    }

    /// <summary>The owner of a leg that has ended: refuses offers and transfers, ignores the rest.</summary>
    private sealed class EndedLeg : ILegOwner
    {
        public static EndedLeg Instance { get; } = new();

        public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => ValueTask.FromResult<SdpSession?>(null);

        public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => ValueTask.FromResult(false);

        public void OnAnswered(ILegSession leg, SdpSession media)
        {
        }

        public void OnLegEnded(ILegSession leg, LegEnded ended)
        {
        }
    }
}
