using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.TestKit.Sessions;

/// <summary>
/// One leg behind <see cref="FakeLegSessionPort"/>: records what the engine commands (ring, answer, reject, hang up,
/// re-offer, refer, transfer progress) and lets the test act as its peer (ring, answer, refuse, hang up, re-offer, ask for
/// a transfer) or as the session layer (session expiry).
/// </summary>
public sealed class FakeLeg(string id, LegOffer? offer) : ILegSession
{
    private readonly Lock _gate = new();
    private readonly List<string> _commands = [];
    private bool _ended;
    private bool _answered;

    /// <summary>The engine's offer, for a leg it placed; null for an arriving leg.</summary>
    public LegOffer? Offer { get; } = offer;

    /// <summary>The engine's sink for this leg's events.</summary>
    public ILegEvents? Events { get; set; }

    /// <inheritdoc />
    public string Id { get; } = id;

    /// <inheritdoc />
    public bool IsAnswered
    {
        get
        {
            lock (_gate)
            {
                return _answered && !_ended;
            }
        }
    }

    /// <summary>True once the leg ended (by either side).</summary>
    public bool IsEnded
    {
        get
        {
            lock (_gate)
            {
                return _ended;
            }
        }
    }

    /// <summary>The engine's commands so far, e.g. "ring", "ring+media", "answer", "reject:Busy", "hangup", "offer-media", "refer:1002", "transfer:Succeeded".</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The media the engine answered with (an arriving leg), or null.</summary>
    public SdpSession? AnsweredWith { get; private set; }

    /// <summary>What a media offer of ours gets from the peer (null: refused).</summary>
    public Func<SdpSession, SdpSession?> PeerAnswer { get; set; } = _ => null;

    /// <summary>Whether the peer accepts our REFER.</summary>
    public bool PeerAcceptsRefer { get; set; } = true;

    /// <summary>Whether <see cref="AnswerAsync"/> fails as if the caller left while we answered.</summary>
    public bool GoneBeforeAnswer { get; set; }

    /// <summary>Whether ending the leg throws (a session layer fault, e.g. the network is down), after the end is recorded.</summary>
    public bool FailsToEnd { get; set; }

    /// <inheritdoc />
    public ValueTask<bool> RingAsync(SdpSession? earlyMedia, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Record(earlyMedia is null ? "ring" : "ring+media"));

    /// <inheritdoc />
    public ValueTask<bool> AnswerAsync(SdpSession media, CancellationToken cancellationToken)
    {
        if (GoneBeforeAnswer || !Record("answer"))
        {
            return ValueTask.FromResult(false);
        }

        lock (_gate)
        {
            (_answered, AnsweredWith) = (true, media);
        }

        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask RejectAsync(LegEndCause cause, CancellationToken cancellationToken)
    {
        if (Record("reject:" + cause))
        {
            MarkEnded();
        }

        return FailsToEnd ? ValueTask.FromException(new IOException("network down")) : ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask HangUpAsync(CancellationToken cancellationToken)
    {
        bool answered;
        lock (_gate)
        {
            answered = _answered;
        }

        if (Record("hangup"))
        {
            MarkEnded();
            if (!answered && Offer is not null)
            {
                // An offer withdrawn before its answer ends as cancelled (as the session layer reports it).
                Events?.OnEnded(this, new LegEnded(LegEndCause.Cancelled, ByPeer: false, "withdrawn"));
            }
        }

        return FailsToEnd ? ValueTask.FromException(new IOException("network down")) : ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<SdpSession?> OfferMediaAsync(SdpSession media, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Record("offer-media") ? PeerAnswer(media) : null);

    /// <inheritdoc />
    public ValueTask<bool> ReferAsync(LegTarget target, ILegSession? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ValueTask.FromResult(Record("refer:" + target.Number) && PeerAcceptsRefer);
    }

    /// <inheritdoc />
    public ValueTask ReportTransferAsync(TransferProgress progress, CancellationToken cancellationToken)
    {
        Record("transfer:" + progress, evenAfterEnd: true);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Record("refresh"));

    /// <summary>The peer rings (a leg we placed).</summary>
    public void PeerRings() => Events!.OnRinging(this, null);

    /// <summary>The peer answers with <paramref name="media"/> (a leg we placed).</summary>
    public void PeerAnswers(SdpSession media)
    {
        lock (_gate)
        {
            _answered = true;
        }

        Events!.OnAnswered(this, media);
    }

    /// <summary>
    /// The peer answers with <paramref name="media"/> and hangs up at once, its BYE served before the engine has acted on
    /// the answer (a leg we placed): the leg is over when the engine hears of the answer.
    /// </summary>
    public void PeerAnswersAndHangsUp(SdpSession media)
    {
        lock (_gate)
        {
            (_answered, _ended) = (true, true);
        }

        Events!.OnAnswered(this, media);
        Events!.OnEnded(this, new LegEnded(LegEndCause.HungUp, ByPeer: true, "peer"));
    }

    /// <summary>The peer answers an arriving leg's late offer in its ACK.</summary>
    public void PeerAcks(SdpSession answer) => Events!.OnAnswered(this, answer);

    /// <summary>
    /// The peer ends the leg: refuses it (busy, declined...), cancels it, or hangs up; <paramref name="routeFailed"/>: the
    /// way there failed (a trunk's 5xx, 408 or silence), so another trunk may be tried.
    /// </summary>
    public void PeerEnds(LegEndCause cause, string detail = "peer", bool routeFailed = false)
    {
        if (cause != LegEndCause.Cancelled || Offer is not null)
        {
            // A caller's CANCEL still awaits our final response (487): the leg ends with it.
            MarkEnded();
        }

        Events!.OnEnded(this, new LegEnded(cause, ByPeer: true, detail) { RouteFailed = routeFailed });
    }

    /// <summary>The session layer ends the leg: its session expired (it sent BYE).</summary>
    public void SessionExpires()
    {
        MarkEnded();
        Events!.OnEnded(this, new LegEnded(LegEndCause.SessionExpired, ByPeer: false, "session expired (no refresh from the other side)"));
    }

    /// <summary>The peer offers new media (hold, resume); returns the engine's answer (null: refused).</summary>
    public Task<SdpSession?> PeerOffersAsync(SdpSession media, LegMediaChange change) =>
        Events!.OnMediaOfferAsync(this, new LegMediaOffer(media, change)).AsTask();

    /// <summary>The peer asks for a transfer; true when the engine took it on.</summary>
    public Task<bool> PeerRefersAsync(LegTransferRequest request) => Events!.OnTransferRequestedAsync(this, request).AsTask();

    /// <summary>Waits (bounded, real time) until the engine commanded <paramref name="command"/>.</summary>
    public void WaitForCommand(string command) =>
        WaitUntil(() => Commands.Contains(command) ? this : null, $"'{command}' on {Id} (had: {string.Join(", ", Commands)})");

    /// <summary>Waits (at most 10 s of real time) until <paramref name="probe"/> returns something.</summary>
    public static T WaitUntil<T>(Func<T?> probe, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var until = Environment.TickCount64 + 10_000;
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }

            if (Environment.TickCount64 > until)
            {
                throw new TimeoutException("Waited in vain for " + what);
            }

            Thread.Sleep(5);
        }
    }

    private bool Record(string command, bool evenAfterEnd = false)
    {
        lock (_gate)
        {
            if (_ended && !evenAfterEnd)
            {
                _commands.Add(command + " (after the end)");
                return false;
            }

            _commands.Add(command);
            return true;
        }
    }

    private void MarkEnded()
    {
        lock (_gate)
        {
            _ended = true;
        }
    }
}
