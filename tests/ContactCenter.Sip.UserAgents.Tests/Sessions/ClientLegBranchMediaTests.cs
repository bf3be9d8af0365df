using System.Net;
using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// A placed leg whose contact takes other media (a browser): its branch carries the adapter's offer, the engine hears the
/// adapter's answer, and the adapter goes when its branch loses, the leg ends, or its media fails (the leg is then hung up).
/// </summary>
public sealed class ClientLegBranchMediaTests : IDisposable
{
    private const int AdaptedPort = 40124;
    private const string EngineSdp = "v=0\r\no=cc 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private const string AdapterOffer = "v=0\r\no=cc 2 1 IN IP4 192.0.2.1\r\ns=adapter\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private const string AdapterAnswer = "v=0\r\no=cc 3 1 IN IP4 192.0.2.1\r\ns=translated\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 6002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private const string PeerSdp = "v=0\r\no=peer 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new();
    private readonly RecordingLegEvents _events = new();
    private readonly FakeGateway _gateway = new();

    [Fact]
    public async Task AdaptedContactAnswers_ItGotTheAdaptersOffer_TheEngineHearsTheAdaptersAnswer()
    {
        await RegisterAsync(plain: true);
        var leg = Offer();
        var invites = SentInvites(2);
        var adapted = invites.Single(i => i.RequestUri.Port == AdaptedPort);
        var plain = invites.Single(i => i.RequestUri.Port != AdaptedPort);

        await _stack.DeliverAsync(Response(adapted, SipStatusCodes.OK, "tag-b", PeerSdp));

        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));
        Assert.Equal("adapter", SessionName(adapted));
        Assert.Equal("-", SessionName(plain));
        Assert.Equal("translated", _events.Answered[0].SessionName);
        var media = Assert.Single(_gateway.Opened);
        Assert.Equal("peer", media.Answers.Single().Origin.UserName);
        Assert.False(media.Disposed);

        await leg.HangUpAsync(CancellationToken.None);

        Assert.True(media.Disposed);
        Assert.Single(_stack.Transport.Requests(SipMethod.Bye));
    }

    [Fact]
    public async Task PlainContactAnswers_TheAdaptersBranchLoses_AndItsAdapterGoes()
    {
        await RegisterAsync(plain: true);
        Offer();
        var plain = SentInvites(2).Single(i => i.RequestUri.Port != AdaptedPort);

        await _stack.DeliverAsync(Response(plain, SipStatusCodes.OK, "tag-a", PeerSdp));

        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));
        Assert.Equal("-", _events.Answered[0].SessionName);
        Assert.True(SpinWait.SpinUntil(() => _gateway.Opened.Single().Disposed, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task AdaptedMediaFails_TheLegIsHungUpAndTheEngineHearsItLost()
    {
        await RegisterAsync(plain: false);
        Offer();
        await _stack.DeliverAsync(Response(SentInvites(1)[0], SipStatusCodes.OK, "tag-b", PeerSdp));
        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));

        _gateway.Opened.Single().Fail();

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Lost, _events.Ended[0].Cause);
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Bye).Count == 1, TimeSpan.FromSeconds(5)));
        Assert.True(_gateway.Opened.Single().Disposed);
    }

    [Fact]
    public async Task AdaptersAnswerUnusable_TheLegEndsMediaRejectedWithBye()
    {
        _gateway.AcceptAnswers = false;
        await RegisterAsync(plain: false);
        Offer();

        await _stack.DeliverAsync(Response(SentInvites(1)[0], SipStatusCodes.OK, "tag-b", PeerSdp));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.MediaRejected, _events.Ended[0].Cause);
        Assert.Empty(_events.Answered);
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Bye).Count == 1, TimeSpan.FromSeconds(5)));
        Assert.True(_gateway.Opened.Single().Disposed);
    }

    [Fact]
    public async Task NoAdapterAvailable_ThatContactIsNotRung_TheOthersAre()
    {
        _gateway.Available = false;
        await RegisterAsync(plain: true);

        Offer();

        var invite = Assert.Single(SentInvites(1));
        Assert.NotEqual(AdaptedPort, invite.RequestUri.Port);
    }

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
    }

    /// <summary>The adapted contact registers from <see cref="AdaptedPort"/>; with <paramref name="plain"/> another from 40123 too.</summary>
    private async Task RegisterAsync(bool plain)
    {
        if (plain)
        {
            await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");
        }

        await _harness.RegisterAsync("1001", "secret1", 1, $"<sip:1001@192.0.2.10:{AdaptedPort}>", callId: "reg-adapted",
            source: new SipEndPointInfo("UDP", IPAddress.Parse("192.0.2.10"), AdaptedPort));
    }

    private ClientLegSession Offer()
    {
        var settings = new SessionLayerSettings(() => null, () => new SessionTimerPolicy(1800, 90), () => "cc");
        var sessions = new ClientInviteSessions(_stack.Dialogs, _stack.Layer, _stack.Transport, _harness.Locations, settings, new LegDirectory(), _stack.Time,
            NullLogger<ClientInviteSessions>.Instance, _gateway);
        return sessions.Offer(new LegOffer(Guid.NewGuid(), LegTarget.Extension("1001"), "1001", Parse(EngineSdp), TimeSpan.FromSeconds(30)), _events);
    }

    private SipRequest[] SentInvites(int count)
    {
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.SentRequests(SipMethod.Invite).Count == count, TimeSpan.FromSeconds(5)));
        return [.. _stack.Transport.SentRequests(SipMethod.Invite).Select(s => (SipRequest)s.Message)];
    }

    private static string SessionName(SipRequest invite)
    {
        Assert.True(SessionRequests.TryGetSdp(invite, out var sdp, out _));
        return sdp!.SessionName;
    }

    private static SdpSession Parse(string text)
    {
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out _));
        return session!;
    }

    private static SipResponse Response(SipRequest invite, int status, string toTag, string? sdp)
    {
        var builder = SipResponseBuilder.ForRequest(invite, status, toTag: toTag).AddContact(SipNameAddress.Parse(DialogTestStack.PeerContact));
        if (sdp is not null)
        {
            builder.SetBody(Encoding.ASCII.GetBytes(sdp), "application/sdp");
        }

        return builder.Build();
    }

    /// <summary>Adapts the contacts on <see cref="AdaptedPort"/> only.</summary>
    private sealed class FakeGateway : IBranchMediaGateway
    {
        public List<FakeMedia> Opened { get; } = [];

        public bool Available { get; set; } = true;

        public bool AcceptAnswers { get; set; } = true;

        public IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available)
        {
            available = true;
            if (destination.EndPoint.Port != AdaptedPort)
            {
                return null;
            }

            available = Available;
            if (!Available)
            {
                return null;
            }

            var media = new FakeMedia(AcceptAnswers);
            lock (Opened)
            {
                Opened.Add(media);
            }

            return media;
        }
    }

    private sealed class FakeMedia(bool accept) : IBranchMedia
    {
        private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<SdpSession> Answers { get; } = [];

        public bool Disposed { get; private set; }

        public SdpSession Offer { get; } = Parse(AdapterOffer);

        public Task Failed => _failed.Task;

        public void Fail() => _failed.TrySetResult();

        public SdpSession? AcceptAnswer(SdpSession answer)
        {
            Answers.Add(answer);
            return accept ? Parse(AdapterAnswer) : null;
        }

        public SdpSession? AnswerEngineOffer(SdpSession offer) => Parse(AdapterAnswer);

        public ValueTask<SdpSession?> AnswerContactOfferAsync(SdpSession offer, Func<SdpSession, ValueTask<SdpSession?>> askEngine) => askEngine(offer);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
