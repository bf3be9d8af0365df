using System.Net;
using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// Placing a leg through the session layer: every registered contact of an extension rung at once, the first 2xx
/// acknowledged and the other branch cancelled, a final failure or the ring time mapped to the leg's end cause, the
/// offer withdrawn before the answer (and a 2xx crossing that CANCEL ended with BYE), an outside number sent to the trunk.
/// </summary>
public sealed class ClientLegSessionTests : IDisposable
{
    private const string Sdp = "v=0\r\no=peer 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new();
    private readonly RecordingLegEvents _events = new();

    [Fact]
    public async Task Extension_EveryContactRings_FirstAnswerWins_OtherBranchCancelled()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>, <sip:1001@192.0.2.10:40124>");
        var leg = Offer(LegTarget.Extension("1001"));
        var invites = SentInvites(2);

        await _stack.DeliverAsync(Response(invites[0], SipStatusCodes.Ringing, "tag-a", null));
        await _stack.DeliverAsync(Response(invites[1], SipStatusCodes.Ringing, "tag-b", null));
        await _stack.DeliverAsync(Response(invites[0], SipStatusCodes.OK, "tag-a", Sdp));

        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));
        Assert.Equal(1, _events.Ringing);
        Assert.True(leg.IsAnswered);
        Assert.Equal("tag-a", leg.Dialog!.Id.RemoteTag);
        Assert.Single(_stack.Transport.Requests(SipMethod.Ack));
        var cancel = Assert.Single(_stack.Transport.Requests(SipMethod.Cancel));
        Assert.Equal(invites[1].CallId, cancel.CallId);
        Assert.All(invites, i => Assert.Equal("1001", i.From.DisplayName));
        Assert.Empty(_events.Ended);
    }

    [Fact]
    public async Task Busy_TheLegEndsBusy_ByThePeer()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");
        Offer(LegTarget.Extension("1001"));
        var invite = SentInvites(1)[0];

        await _stack.DeliverAsync(Response(invite, SipStatusCodes.BusyHere, "tag-a", null));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(new LegEnded(LegEndCause.Busy, ByPeer: true, "busy"), _events.Ended[0]);
        Assert.Empty(_events.Answered);
    }

    [Fact]
    public async Task RingTimeOver_Cancelled_NoAnswer()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");
        Offer(LegTarget.Extension("1001"), ringFor: TimeSpan.FromSeconds(20));
        var invite = SentInvites(1)[0];
        await _stack.DeliverAsync(Response(invite, SipStatusCodes.Ringing, "tag-a", null));
        // The ring timer is armed once every INVITE is sent, on the offer's own task; the ringing it reports comes after
        // that. Advancing the clock before it missed the timer under load (the test waited in vain).
        Assert.True(_events.WaitFor(e => e.Ringing == 1));

        _stack.Advance(TimeSpan.FromSeconds(21));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.NoAnswer, _events.Ended[0].Cause);
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Cancel).Count == 1, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task HangUpBeforeTheAnswer_Cancelled_AndA2xxCrossingTheCancel_AcknowledgedAndEnded()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");
        var leg = Offer(LegTarget.Extension("1001"));
        var invite = SentInvites(1)[0];
        await _stack.DeliverAsync(Response(invite, SipStatusCodes.Ringing, "tag-a", null));

        await leg.HangUpAsync(CancellationToken.None);
        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Cancelled, _events.Ended[0].Cause);
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Cancel).Count == 1, TimeSpan.FromSeconds(5)));

        await _stack.DeliverAsync(Response(invite, SipStatusCodes.OK, "tag-a", Sdp));

        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Bye).Count == 1, TimeSpan.FromSeconds(5)));
        Assert.Single(_stack.Transport.Requests(SipMethod.Ack));
        Assert.Empty(_events.Answered);
        Assert.False(leg.IsAnswered);
    }

    [Fact]
    public async Task Answered_ThenA2xxWithAnotherToTagOnTheSameInvite_ThatDialogIsAcknowledgedAndEnded_TheCallStays()
    {
        // RFC 3261 §13.2.2.4: a 2xx that establishes another dialog (a fork behind a proxy, or a phone answering an INVITE
        // retransmission as a new call) is acknowledged and ended with BYE; the 2xx of the answered dialog is only re-ACKed.
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");
        var leg = Offer(LegTarget.Extension("1001"));
        var invite = SentInvites(1)[0];
        await _stack.DeliverAsync(Response(invite, SipStatusCodes.OK, "tag-a", Sdp));
        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));

        await _stack.DeliverAsync(Response(invite, SipStatusCodes.OK, "tag-b", Sdp));
        await _stack.DeliverAsync(Response(invite, SipStatusCodes.OK, "tag-a", Sdp));

        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Bye).Count == 1, TimeSpan.FromSeconds(5)));
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Ack).Count == 3, TimeSpan.FromSeconds(5)));
        var bye = Assert.Single(_stack.Transport.Requests(SipMethod.Bye));
        Assert.Equal("tag-b", bye.To.Tag);
        Assert.Equal(["tag-a", "tag-b", "tag-a"], _stack.Transport.Requests(SipMethod.Ack).Select(a => a.To.Tag));
        Assert.True(leg.IsAnswered);
        Assert.Equal("tag-a", leg.Dialog!.Id.RemoteTag);
        Assert.Empty(_events.Ended);
    }

    [Fact]
    public void NotRegistered_EndsUnavailable()
    {
        Offer(LegTarget.Extension("1002"));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Unavailable, _events.Ended[0].Cause);
        Assert.Empty(_stack.Transport.Requests(SipMethod.Invite));
    }

    [Fact]
    public void OutsideNumber_GoesToTheTrunk_WithTheCallerIdShownAndNoDisplayName()
    {
        Offer(LegTarget.Outside("+74951234567"), callerNumber: "+74950000000");

        var sent = Assert.Single(SpinUntilInvites(1));
        var invite = (SipRequest)sent.Message;
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.50"), 5090), sent.Destination.EndPoint);
        Assert.Equal("+74951234567", invite.RequestUri.User);
        Assert.Equal("+74950000000", invite.From.Uri.User);
        Assert.Null(invite.From.DisplayName);
    }

    [Theory]
    [InlineData(486, LegEndCause.Busy)]
    [InlineData(600, LegEndCause.Busy)]
    [InlineData(603, LegEndCause.Declined)]
    [InlineData(408, LegEndCause.NoAnswer)]
    [InlineData(487, LegEndCause.Cancelled)]
    [InlineData(488, LegEndCause.MediaRejected)]
    [InlineData(480, LegEndCause.Unavailable)]
    [InlineData(302, LegEndCause.Unavailable)]
    [InlineData(503, LegEndCause.Unavailable)]
    public void FinalResponse_MapsToTheLegsEndCause(int status, LegEndCause cause) => Assert.Equal(cause, LegEndCauses.FromStatusCode(status));

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
    }

    private ClientLegSession Offer(LegTarget target, TimeSpan? ringFor = null, string callerNumber = "1001")
    {
        var settings = new SessionLayerSettings(() => new TrunkPeer(IPAddress.Parse("192.0.2.50"), 5090), () => new SessionTimerPolicy(1800, 90), () => "cc");
        var sessions = new ClientInviteSessions(_stack.Dialogs, _stack.Layer, _stack.Transport, _harness.Locations, settings, new LegDirectory(), _stack.Time,
            NullLogger<ClientInviteSessions>.Instance);
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(Sdp), out var offer, out _));
        return sessions.Offer(new LegOffer(Guid.NewGuid(), target, callerNumber, offer, ringFor ?? TimeSpan.FromSeconds(30)), _events);
    }

    private IReadOnlyList<SentMessage> SpinUntilInvites(int count)
    {
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.SentRequests(SipMethod.Invite).Count == count, TimeSpan.FromSeconds(5)));
        return _stack.Transport.SentRequests(SipMethod.Invite);
    }

    private SipRequest[] SentInvites(int count) => [.. SpinUntilInvites(count).Select(s => (SipRequest)s.Message)];

    private static SipResponse Response(SipRequest invite, int status, string toTag, string? sdp)
    {
        var builder = SipResponseBuilder.ForRequest(invite, status, toTag: toTag).AddContact(SipNameAddress.Parse(DialogTestStack.PeerContact));
        if (sdp is not null)
        {
            builder.SetBody(Encoding.ASCII.GetBytes(sdp), "application/sdp");
        }

        return builder.Build();
    }
}
