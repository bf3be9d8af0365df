using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>A stand-in call engine's leg events: records ringing, answers, media offers (answered when told), transfer requests (taken on when told) and the leg's end.</summary>
internal sealed class RecordingLegEvents : ILegEvents
{
    private readonly object _gate = new();
    private int _ringing;

    public int Ringing => Volatile.Read(ref _ringing);

    public List<SdpSession> Answered { get; } = [];

    public List<LegEnded> Ended { get; } = [];

    public List<LegTransferRequest> Transfers { get; } = [];

    public List<LegMediaOffer> MediaOffers { get; } = [];

    /// <summary>Answers media offers; null (the default) refuses them.</summary>
    public Func<LegMediaOffer, SdpSession?>? MediaAnswer { get; set; }

    /// <summary>Whether transfer requests are taken on.</summary>
    public bool AcceptTransfers { get; set; }

    /// <summary>
    /// Waits (a bounded real-time wait: the session layer reports from its own tasks) until <paramref name="done"/> holds.
    /// The bound is generous (20 s): it only matters when the test fails, and the CI's loaded machine once took over 5 s to
    /// run a ring timer's continuation (RingTimeOver_Cancelled_NoAnswer).
    /// </summary>
    public bool WaitFor(Func<RecordingLegEvents, bool> done, TimeSpan? within = null)
    {
        lock (_gate)
        {
            var until = Environment.TickCount64 + (long)(within ?? TimeSpan.FromSeconds(20)).TotalMilliseconds;
            while (!done(this))
            {
                var left = until - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_gate, TimeSpan.FromMilliseconds(left)))
                {
                    return done(this);
                }
            }

            return true;
        }
    }

    public void OnRinging(ILegSession leg, SdpSession? earlyMedia) => Record(() => _ringing++);

    public void OnAnswered(ILegSession leg, SdpSession media) => Record(() => Answered.Add(media));

    public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer)
    {
        Record(() => MediaOffers.Add(offer));
        return ValueTask.FromResult(MediaAnswer?.Invoke(offer));
    }

    public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request)
    {
        Record(() => Transfers.Add(request));
        return ValueTask.FromResult(AcceptTransfers);
    }

    public void OnDtmf(ILegSession leg, LegDtmf dtmf)
    {
    }

    public void OnEnded(ILegSession leg, LegEnded ended) => Record(() => Ended.Add(ended));

    private void Record(Action change)
    {
        lock (_gate)
        {
            change();
            Monitor.PulseAll(_gate);
        }
    }
}
