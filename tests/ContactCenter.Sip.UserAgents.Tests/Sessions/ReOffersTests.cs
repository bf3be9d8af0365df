using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>A peer's re-INVITE or UPDATE in an answered leg, answered by the session layer (hold, resume, refresh, refusals).</summary>
public sealed class ReOffersTests
{
    private static readonly SessionTimerPolicy Policy = new(SessionExpires: 1800, MinSE: 90);

    [Fact]
    public async Task ReInvite_SendOnlyOffer_200WithOurAnswerAndTimer_PeerHoldsTheCall()
    {
        using var stack = new DialogTestStack();
        var media = new FakeLegMedia(holds: true);
        var leg = new ReOfferingLeg(stack.Dialogs, media);
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(leg);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));

        await stack.DeliverAsync(PeerRequest("INVITE", 11, invite.CallId, dialog, "a=sendonly"));

        var ok = Assert.Single(stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Number == 11);
        Assert.Contains("a=recvonly", Encoding.ASCII.GetString(ok.Body.Span), StringComparison.Ordinal);
        Assert.True(ok.TryGetSessionExpires(out var agreed));
        Assert.Equal(1800, agreed!.Seconds);
        Assert.Equal(new ReOfferResult(true, PeerHolds: true), Assert.Single(leg.Results));
        Assert.Contains("a=sendonly", media.Offers.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReInvite_OfferTheMediaRefuses_488AndNoChange()
    {
        using var stack = new DialogTestStack();
        var leg = new ReOfferingLeg(stack.Dialogs, new FakeLegMedia(holds: false, accept: false));
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(leg);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));

        await stack.DeliverAsync(PeerRequest("INVITE", 11, invite.CallId, dialog, "a=sendrecv"));

        Assert.Single(stack.Transport.Responses(SipStatusCodes.NotAcceptableHere));
        Assert.Equal(new ReOfferResult(false, null), Assert.Single(leg.Results));
    }

    [Fact]
    public async Task Update_IntervalBelowOurMinSE_422WithMinSE_MediaNotAsked()
    {
        using var stack = new DialogTestStack();
        var media = new FakeLegMedia(holds: false);
        var leg = new ReOfferingLeg(stack.Dialogs, media);
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(leg);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));

        await stack.DeliverAsync(PeerRequest("UPDATE", 11, invite.CallId, dialog, "a=sendrecv", "Supported: timer", "Session-Expires: 60"));

        var refusal = Assert.Single(stack.Transport.Responses(SipStatusCodes.SessionIntervalTooSmall));
        Assert.True(refusal.TryGetMinSE(out var minSe));
        Assert.Equal(90, minSe);
        Assert.Empty(media.Offers);
        Assert.Equal(new ReOfferResult(false, null), Assert.Single(leg.Results));
    }

    [Fact]
    public async Task Update_WithoutBody_RefreshesTheLegsTimer_NoMediaChange()
    {
        using var stack = new DialogTestStack();
        var media = new FakeLegMedia(holds: false);
        var leg = new ReOfferingLeg(stack.Dialogs, media);
        var (dialog, invite) = await stack.AnswerPeerInviteAsync(leg);
        await stack.DeliverAsync(DialogTestStack.PeerAck(dialog, invite));
        string? expired = null;
        using var timer = new LegSessionTimer(stack.Time, dialog, true, _ => Task.FromResult(default(SessionRefreshResult)), why => expired = why);
        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(90), WeRefresh: false));
        leg.Timer = timer;

        stack.Advance(TimeSpan.FromSeconds(50));
        await stack.DeliverAsync(PeerRequest("UPDATE", 11, invite.CallId, dialog, null, "Supported: timer", "Session-Expires: 120;refresher=uac"));
        stack.Advance(TimeSpan.FromSeconds(50));

        Assert.Single(stack.Transport.Responses(SipStatusCodes.OK), r => r.CSeq.Method == SipMethod.Update);
        Assert.Equal(new ReOfferResult(true, null), Assert.Single(leg.Results));
        Assert.Equal(TimeSpan.FromSeconds(120), timer.Terms?.Interval);
        Assert.Null(expired); // 90 s without the refresh would have expired the leg at 60 s
        Assert.Empty(media.Offers);
    }

    private static SipRequest PeerRequest(string method, uint cseq, string callId, SipDialog dialog, string? direction, params string[] extra) =>
        DialogTestStack.PeerRequestWithBody(method, cseq, callId, dialog.Id.LocalTag,
            direction is null ? null
                : "v=0\r\no=peer 1 2 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + direction + "\r\n",
            ["Contact: " + DialogTestStack.PeerContact, .. extra]);

    /// <summary>The engine's side of a leg: hands re-INVITEs and UPDATEs to the session layer and keeps what it answered.</summary>
    private sealed class ReOfferingLeg(DialogManager dialogs, FakeLegMedia media) : IDialogRequestHandler
    {
        public List<ReOfferResult> Results { get; } = [];

        public LegSessionTimer? Timer { get; set; }

        public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
            CancellationToken cancellationToken)
        {
            var sip = (SipRequest)request.Message;
            if (sip.Method != SipMethod.Invite && sip.Method != SipMethod.Update)
            {
                return false;
            }

            Results.Add(await ReOffers.AnswerAsync(dialogs, dialog, transaction, sip, Policy, Timer, media.Local, media.AnswerAsync));
            return true;
        }

        public ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public void OnTerminated(SipDialog dialog, DialogTerminationReason reason)
        {
        }
    }
}
