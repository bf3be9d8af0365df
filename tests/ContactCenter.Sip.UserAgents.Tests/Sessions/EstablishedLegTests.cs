using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// An answered leg's dialog served by the session layer behind the port: the peer's re-INVITEs (hold, resume) answered
/// by the engine, its BYE, a late offer's answer in the ACK, the RFC 4028 session timer (expiry ends the leg with BYE,
/// 422 retried with the peer's Min-SE) and the engine's commands (media re-offer, REFER).
/// </summary>
public sealed class EstablishedLegTests : IDisposable
{
    private const string PeerSdp = "v=0\r\no=peer 1 2 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly DialogTestStack _stack = new();
    private readonly RecordingLegEvents _events = new();

    [Fact]
    public async Task PeerReInvite_SendOnlyThenSendRecv_EngineToldHeldThenResumed_ItsAnswerIn200()
    {
        var (leg, _) = await AnsweredAsync();
        var ours = new FakeLegMedia(holds: true).Local!;
        _events.MediaAnswer = _ => ours;

        await _stack.DeliverAsync(PeerReInvite(leg, 11, "a=sendonly"));
        await _stack.DeliverAsync(PeerReInvite(leg, 12, "a=sendrecv"));

        Assert.Equal([LegMediaChange.Held, LegMediaChange.Resumed], _events.MediaOffers.Select(o => o.Change));
        Assert.Contains("a=sendonly", SdpWriter.Format(_events.MediaOffers[0].Media), StringComparison.Ordinal);
        var oks = _stack.Transport.Responses(SipStatusCodes.OK).Where(r => r.CSeq.Method == SipMethod.Invite && r.CSeq.Number > 10).ToList();
        Assert.Equal(2, oks.Count);
        Assert.All(oks, ok => Assert.Contains("m=audio 5000", Encoding.ASCII.GetString(ok.Body.Span), StringComparison.Ordinal));
    }

    [Fact]
    public async Task PeerReInvite_EngineRefuses_488_LegGoesOn()
    {
        var (leg, _) = await AnsweredAsync();

        await _stack.DeliverAsync(PeerReInvite(leg, 11, "a=sendrecv"));

        Assert.Single(_events.MediaOffers);
        Assert.Single(_stack.Transport.Responses(SipStatusCodes.NotAcceptableHere));
        Assert.Empty(_events.Ended);
        Assert.True(leg.IsAnswered);
    }

    [Fact]
    public async Task PeerBye_LegEndedHungUpByThePeer()
    {
        var (leg, _) = await AnsweredAsync();

        await _stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 11, leg.Id, leg.Dialog!.Id.LocalTag));

        var ended = Assert.Single(_events.Ended);
        Assert.Equal((LegEndCause.HungUp, true), (ended.Cause, ended.ByPeer));
        Assert.False(leg.IsAnswered);
    }

    [Fact]
    public async Task PeerBye_BeforeTheEngineAttached_200_ToldOnAttach()
    {
        // The engine answers (and the caller ACKs and hangs up) before it has returned the sink the layer attaches: a
        // descheduled thread under load. The BYE was answered and dropped, the call stayed up with its agent.
        var (leg, _) = await AnsweredAsync(attach: false);

        await _stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 11, leg.Id, leg.Dialog!.Id.LocalTag));
        Assert.Single(_stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Method == SipMethod.Bye);
        Assert.Empty(_events.Ended);

        leg.Attach(_events);

        var ended = Assert.Single(_events.Ended);
        Assert.Equal((LegEndCause.HungUp, true), (ended.Cause, ended.ByPeer));
    }

    [Fact]
    public async Task LateOffer_AckAndBye_BeforeTheEngineAttached_ToldOnAttach_AnswerFirst()
    {
        var order = new List<string>();
        var (leg, _) = await AnsweredAsync(lateOffer: true, ack: false, attach: false);

        await _stack.DeliverAsync(DialogTestStack.PeerRequestWithBody("ACK", 10, leg.Id, leg.Dialog!.Id.LocalTag, PeerSdp));
        await _stack.DeliverAsync(DialogTestStack.PeerRequest("BYE", 11, leg.Id, leg.Dialog!.Id.LocalTag));
        leg.Attach(new OrderedLegEvents(_events, order));

        Assert.Equal(["answered", "ended"], order);
        Assert.Equal(4000, Assert.Single(_events.Answered).Media[0].Port);
        Assert.Equal(LegEndCause.HungUp, Assert.Single(_events.Ended).Cause);
    }

    [Fact]
    public async Task PeerReInvite_BeforeTheEngineAttached_AnsweredOnceAttached()
    {
        var (leg, _) = await AnsweredAsync(attach: false);
        _events.MediaAnswer = _ => new FakeLegMedia(holds: true).Local!;

        var reInvite = _stack.DeliverAsync(PeerReInvite(leg, 11, "a=sendonly"));
        await Task.Delay(50);
        Assert.DoesNotContain(_stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Number == 11);
        leg.Attach(_events);
        await reInvite;

        Assert.True(_events.WaitFor(e => e.MediaOffers.Count == 1));
        for (var waited = 0; waited < 5_000 && !_stack.Transport.Responses(SipStatusCodes.OK).Any(r => r.CSeq.Number == 11); waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.Contains(_stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Number == 11);
        Assert.Equal(LegMediaChange.Held, Assert.Single(_events.MediaOffers).Change);
    }

    [Fact]
    public async Task LateOffer_AckCarriesTheAnswer_EngineToldAnswered()
    {
        var (leg, _) = await AnsweredAsync(lateOffer: true, ack: false);

        await _stack.DeliverAsync(DialogTestStack.PeerRequestWithBody("ACK", 10, leg.Id, leg.Dialog!.Id.LocalTag, PeerSdp));

        var answer = Assert.Single(_events.Answered);
        Assert.Equal(4000, answer.Media[0].Port);
        Assert.Empty(_events.Ended);
    }

    [Fact]
    public async Task LateOffer_AckWithoutAnswer_ByeAndLegEndedMediaRejected()
    {
        var (leg, invite) = await AnsweredAsync(lateOffer: true, ack: false);

        await _stack.DeliverAsync(DialogTestStack.PeerAck(leg.Dialog!, invite));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.MediaRejected, _events.Ended[0].Cause);
        Assert.Single(_stack.Transport.Requests(SipMethod.Bye));
        Assert.Empty(_events.Answered);
    }

    [Fact]
    public async Task SessionTimer_PeerRefreshesButDoesNot_ExpiresWithByeAndSessionExpired()
    {
        var (_, _) = await AnsweredAsync(extra: ["Supported: timer", "Session-Expires: 90;refresher=uac"]);

        _stack.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(_events.Ended);
        _stack.Advance(TimeSpan.FromSeconds(2));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal((LegEndCause.SessionExpired, false), (_events.Ended[0].Cause, _events.Ended[0].ByPeer));
        Assert.Single(_stack.Transport.Requests(SipMethod.Bye).Select(b => b.CSeq.Number).Distinct()); // one BYE (UDP retransmits it)
    }

    [Fact]
    public async Task SessionTimer_PeersRefreshArrives_LegLivesOn()
    {
        var (leg, _) = await AnsweredAsync(extra: ["Supported: timer", "Session-Expires: 90;refresher=uac", "Allow: INVITE, ACK, BYE, UPDATE"]);

        _stack.Advance(TimeSpan.FromSeconds(45));
        await _stack.DeliverAsync(DialogTestStack.PeerRequest("UPDATE", 11, leg.Id, leg.Dialog!.Id.LocalTag, "Supported: timer",
            "Session-Expires: 90;refresher=uac"));
        _stack.Advance(TimeSpan.FromSeconds(45));

        Assert.Empty(_events.Ended);
        Assert.Empty(_events.MediaOffers); // a refresh without a body is no media change
        Assert.Empty(_stack.Transport.Requests(SipMethod.Bye));
    }

    [Fact]
    public async Task RefreshAsync_Refused422_AskedAgainWithThePeersMinSE()
    {
        var (leg, _) = await AnsweredAsync(extra: ["Supported: timer", "Session-Expires: 1800", "Allow: INVITE, ACK, BYE, UPDATE"]);

        var refresh = leg.RefreshAsync(CancellationToken.None).AsTask();
        var first = await SentAsync(SipMethod.Update, 1);
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(first, SipStatusCodes.SessionIntervalTooSmall).AddHeader(SipHeaderKind.MinSE, "2000").Build());
        var second = await SentAsync(SipMethod.Update, 2);
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(second, SipStatusCodes.OK).AddHeader(SipHeaderKind.SessionExpires, "2000;refresher=uac").Build());

        Assert.True(await refresh.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(second.TryGetSessionExpires(out var asked));
        Assert.Equal(2000, asked!.Seconds);
    }

    [Fact]
    public async Task OfferMediaAsync_ReInviteWithOurOffer_ThePeersAnswer()
    {
        var (leg, _) = await AnsweredAsync();
        var ours = new FakeLegMedia(holds: false).Local!;

        var offering = leg.OfferMediaAsync(ours, CancellationToken.None).AsTask();
        var reInvite = await SentAsync(SipMethod.Invite, 1);
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(reInvite, SipStatusCodes.OK).AddContact(SipNameAddress.Parse(DialogTestStack.PeerContact))
            .SetBody(Encoding.ASCII.GetBytes(PeerSdp + "a=sendonly\r\n"), "application/sdp").Build());

        var answer = await offering.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(answer);
        Assert.Equal(SdpDirection.SendOnly, answer!.Media[0].Direction);
        Assert.Contains("m=audio 5000", Encoding.ASCII.GetString(reInvite.Body.Span), StringComparison.Ordinal);
        await SentAsync(SipMethod.Ack, 1); // the ACK of the 2xx may leave just after the answer is handed over
        Assert.Single(_stack.Transport.Requests(SipMethod.Ack));
    }

    [Fact]
    public async Task ReferAsync_ReferToNamesTheTargetAtOurAddress_AcceptedIsTrue()
    {
        var (leg, _) = await AnsweredAsync();

        var referring = leg.ReferAsync(LegTarget.Extension("1002"), null, CancellationToken.None).AsTask();
        var refer = await SentAsync(SipMethod.Refer, 1);
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(refer, SipStatusCodes.Accepted).Build());

        Assert.True(await referring.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(refer.TryGetReferTo(out var referTo));
        Assert.Equal("1002", referTo.Uri.User);
    }

    [Fact]
    public async Task Commands_BeforeTheAnswer_RefusedWithoutSignalling()
    {
        await _stack.DeliverAsync(DialogTestStack.PeerRequest("INVITE", 10, "c-" + SipIds.NewTag(), null, "Contact: " + DialogTestStack.PeerContact));
        var leg = new ServerLegSession(_stack.Dialogs, _stack.Sessions.Invites[^1].Transaction, null, _ => { }, new LegDirectory());

        Assert.Null(await leg.OfferMediaAsync(new FakeLegMedia(holds: true).Local!, CancellationToken.None));
        Assert.False(await leg.RefreshAsync(CancellationToken.None));
        Assert.False(await leg.ReferAsync(LegTarget.Extension("1002"), null, CancellationToken.None));
        Assert.Empty(_stack.Transport.Requests(SipMethod.Invite));
    }

    public void Dispose() => _stack.Dispose();

    private async Task<(ServerLegSession Leg, SipRequest Invite)> AnsweredAsync(bool lateOffer = false, bool ack = true, bool attach = true,
        params string[] extra)
    {
        var invite = DialogTestStack.PeerRequestWithBody("INVITE", 10, "c-" + SipIds.NewTag(), null, lateOffer ? null : PeerSdp,
            ["Contact: " + DialogTestStack.PeerContact, .. extra]);
        await _stack.DeliverAsync(invite);
        var session = SessionTimerNegotiation.Answer(invite, new SessionTimerPolicy(1800, 90), (_, _, _) => throw new InvalidOperationException("refused"));
        var leg = new ServerLegSession(_stack.Dialogs, _stack.Sessions.Invites[^1].Transaction, session, _ => { }, new LegDirectory(),
            timers: (_stack.Time, () => new SessionTimerPolicy(1800, 90)), contact: () => DialogTestStack.LocalContact);
        if (attach)
        {
            leg.Attach(_events);
        }

        Assert.True(await leg.AnswerAsync(new FakeLegMedia(holds: false).Local!, CancellationToken.None));
        if (ack)
        {
            await _stack.DeliverAsync(DialogTestStack.PeerAck(leg.Dialog!, invite));
        }

        return (leg, invite);
    }

    private static SipRequest PeerReInvite(ServerLegSession leg, uint cseq, string direction) =>
        DialogTestStack.PeerRequestWithBody("INVITE", cseq, leg.Id, leg.Dialog!.Id.LocalTag, PeerSdp + direction + "\r\n",
            "Contact: " + DialogTestStack.PeerContact);

    /// <summary>Waits (bounded, real time: commands send from their own tasks) for our <paramref name="count"/>th request of <paramref name="method"/>.</summary>
    private async Task<SipRequest> SentAsync(SipMethod method, int count)
    {
        for (var waited = 0; waited < 5_000 && _stack.Transport.Requests(method).Count < count; waited += 10)
        {
            await Task.Delay(10);
        }

        return _stack.Transport.Requests(method)[count - 1];
    }

    /// <summary>Forwards to <paramref name="inner"/> and notes the order of answers and ends.</summary>
    private sealed class OrderedLegEvents(RecordingLegEvents inner, List<string> order) : ILegEvents
    {
        public void OnRinging(ILegSession leg, SdpSession? earlyMedia) => inner.OnRinging(leg, earlyMedia);

        public void OnAnswered(ILegSession leg, SdpSession media)
        {
            order.Add("answered");
            inner.OnAnswered(leg, media);
        }

        public ValueTask<SdpSession?> OnMediaOfferAsync(ILegSession leg, LegMediaOffer offer) => inner.OnMediaOfferAsync(leg, offer);

        public ValueTask<bool> OnTransferRequestedAsync(ILegSession leg, LegTransferRequest request) => inner.OnTransferRequestedAsync(leg, request);

        public void OnDtmf(ILegSession leg, LegDtmf dtmf) => inner.OnDtmf(leg, dtmf);

        public void OnEnded(ILegSession leg, LegEnded ended)
        {
            order.Add("ended");
            inner.OnEnded(leg, ended);
        }
    }
}
