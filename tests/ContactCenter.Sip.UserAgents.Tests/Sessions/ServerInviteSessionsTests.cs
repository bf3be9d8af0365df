using System.Globalization;
using System.Net;
using System.Text;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics.Metrics;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// The server side of the session layer admitting arriving INVITEs: 100 Trying, the trunk trusted by its source and its
/// caller named by P-Asserted-Identity, agents' phones challenged (407) and admitted with their extension, unusable SDP
/// and too small session timers refused, the call handed to the engine in call terms, CANCEL told to the engine.
/// </summary>
public sealed class ServerInviteSessionsTests : IDisposable
{
    private const string Sdp = "v=0\r\no=peer 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<(ILegSession Leg, LegOffered Offered)> _offered = [];
    private readonly RecordingLegEvents _events = new();
    private TrunkPeer? _trunk;
    private Func<string, bool> _secure = _ => false;

    [Fact]
    public async Task Trunk_TrustedBySource_CallerFromPAssertedIdentity_OfferedToTheEngine()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", Sdp, "P-Asserted-Identity: <sip:+74951234567@carrier>"));

        Assert.Single(_stack.Transport.Responses(SipStatusCodes.Trying));
        var (leg, offered) = Assert.Single(_offered);
        Assert.Equal("+74951234567", offered.CallerNumber);
        Assert.Equal("8800", offered.DialedNumber);
        Assert.Null(offered.Agent);
        Assert.NotNull(offered.Media);
        Assert.False(leg.IsAnswered);
        Assert.Empty(_stack.Transport.Responses(SipStatusCodes.ProxyAuthenticationRequired));
    }

    [Fact]
    public async Task TrunkWithCodecList_OfferedWithIt()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070) { Codecs = [LegCodecs.Pcma, LegCodecs.TelephoneEvent] };
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", Sdp));

        var (_, offered) = Assert.Single(_offered);
        Assert.Equal([LegCodecs.Pcma, LegCodecs.TelephoneEvent], offered.Codecs);
        Assert.Equal(SdpSrtpMode.Off, offered.Srtp);
    }

    [Fact]
    public async Task TrunkThatRequiresTlsAndSrtp_ItsAddressCallingOverUdp_403TlsRequired_NotOffered()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070) { Transport = ContactCenter.Sip.Transport.SipTransportProtocol.Tls, RequireTlsAndSrtp = true, Sources = [IPAddress.Parse("192.0.2.10")] };
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", Sdp));

        Assert.Empty(_offered);
        Assert.Equal("TLS Required", Assert.Single(_stack.Transport.Responses(SipStatusCodes.Forbidden)).ReasonPhrase);
    }

    [Fact]
    public async Task TrunkAddress_OtherUdpPort_IsNotTheTrunk_Challenged()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5090);
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", Sdp));

        var challenge = Assert.Single(_stack.Transport.Responses(SipStatusCodes.ProxyAuthenticationRequired));
        Assert.True(challenge.Headers.TryGetFirst("Proxy-Authenticate", out _));
        Assert.Empty(_offered);
    }

    [Fact]
    public async Task Agent_AnswersTheChallenge_OfferedWithItsExtension_AndWhetherItDialledAnExtension()
    {
        var sessions = Sessions();
        await DeliverAsync(sessions, Invite("1002", Sdp));
        var challenge = _stack.Transport.Responses(SipStatusCodes.ProxyAuthenticationRequired)[0];
        Assert.True(challenge.TryGetAuthHeaders(SipHeaderKind.ProxyAuthenticate, out var headers));
        var answer = RegistrarHarness.Answer(headers[0], "1001", "secret1", uri: "sip:1002@192.0.2.1:5060", method: "INVITE");

        await DeliverAsync(sessions, Invite("1002", null, "Proxy-Authorization: " + answer));

        var (_, offered) = Assert.Single(_offered);
        Assert.Equal("1001", offered.Agent);
        Assert.Equal("1001", offered.CallerNumber);
        Assert.True(offered.DialedIsExtension);
        Assert.Null(offered.Media);
    }

    [Fact]
    public async Task Agent_OverUdp_OfferedWithPlainRtpOffers()
    {
        var sessions = Sessions();

        var offered = await AgentCallsAsync(sessions);

        Assert.Equal(SdpSrtpMode.Off, offered?.Srtp);
    }

    [Fact]
    public async Task AgentThatMustUseTlsAndSrtp_CallingOverUdp_403TlsRequired_NotOffered()
    {
        _secure = extension => extension == "1001";
        var sessions = Sessions();

        var offered = await AgentCallsAsync(sessions);

        Assert.Null(offered);
        var refusal = Assert.Single(_stack.Transport.Responses(SipStatusCodes.Forbidden));
        Assert.Equal("TLS Required", refusal.ReasonPhrase);
    }

    [Fact]
    public async Task UnparsableSdp_400_NotOffered()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", "not sdp at all"));

        Assert.Single(_stack.Transport.Responses(SipStatusCodes.BadRequest));
        Assert.Empty(_offered);
    }

    [Fact]
    public async Task SessionIntervalBelowOurMinSE_422WithIt_NotOffered()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions();

        await DeliverAsync(sessions, Invite("8800", Sdp, "Supported: timer", "Session-Expires: 60"));

        var tooSmall = Assert.Single(_stack.Transport.Responses(SipStatusCodes.SessionIntervalTooSmall));
        Assert.True(tooSmall.TryGetMinSE(out var minSE));
        Assert.Equal(90, minSE);
        Assert.Empty(_offered);
    }

    [Fact]
    public async Task NoEngineYet_503()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions(accept: false);

        await DeliverAsync(sessions, Invite("8800", Sdp));

        Assert.Single(_stack.Transport.Responses(SipStatusCodes.ServiceUnavailable));
    }

    [Fact]
    public async Task Cancel_OfferedLeg_TheEngineLearnsItEnded_ThenItsRejectSends487()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions();
        await DeliverAsync(sessions, Invite("8800", Sdp));
        var (transaction, cancel) = _stack.Sessions.Invites[^1]; // the CANCEL's content is not read: only its INVITE matters

        await sessions.OnCancelAsync(transaction, cancel, CancellationToken.None);

        var ended = Assert.Single(_events.Ended);
        Assert.Equal(LegEndCause.Cancelled, ended.Cause);
        Assert.Empty(_stack.Transport.Responses(SipStatusCodes.RequestTerminated));
        await _offered[0].Leg.RejectAsync(ended.Cause, CancellationToken.None);
        Assert.Single(_stack.Transport.Responses(SipStatusCodes.RequestTerminated));

        await sessions.OnCancelAsync(transaction, cancel, CancellationToken.None);
        Assert.Single(_events.Ended);
    }

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task AdaptedCaller_TheEngineGetsTheAdaptersOffer_TheCallerGetsItsAnswer()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var gateway = new FakeBranchMediaGateway(_ => true);
        var sessions = Sessions(gateway: gateway);
        await DeliverAsync(sessions, Invite("8800", Sdp));
        var (leg, offered) = Assert.Single(_offered);

        var answered = await leg.AnswerAsync(FakeBranchMedia.Parse(Sdp), CancellationToken.None);

        Assert.True(answered);
        Assert.Equal("adapter", offered.Media!.SessionName);
        Assert.Null(offered.Source);
        var ok = Assert.Single(_stack.Transport.Responses(SipStatusCodes.OK));
        Assert.True(SessionRequests.TryGetSdp(ok, out var sent, out _));
        Assert.Equal("translated", sent!.SessionName);
        var media = Assert.Single(gateway.Opened);
        Assert.Equal("peer", Assert.Single(media.Answers).Origin.UserName);

        await leg.HangUpAsync(CancellationToken.None);

        Assert.True(media.Disposed);
    }

    [Fact]
    public async Task AdaptedCaller_EngineRingsWithEarlyMedia_183CarriesTheAdaptersAnswer_UnusableOne180()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions(gateway: new FakeBranchMediaGateway(_ => true));
        await DeliverAsync(sessions, Invite("8800", Sdp));
        var (leg, _) = Assert.Single(_offered);

        Assert.True(await leg.RingAsync(FakeBranchMedia.Parse(Sdp), CancellationToken.None));
        Assert.True(await leg.AnswerAsync(FakeBranchMedia.Parse(Sdp), CancellationToken.None));

        // The caller hears the engine's ringback through the adapter: the 183's description is the adapter's, as the 200's.
        var progress = Assert.Single(_stack.Transport.Responses(SipStatusCodes.SessionProgress));
        Assert.True(SessionRequests.TryGetSdp(progress, out var early, out _));
        Assert.Equal("translated", early!.SessionName);
        Assert.Empty(_stack.Transport.Responses(SipStatusCodes.Ringing));

        var refusing = Sessions(gateway: new FakeBranchMediaGateway(_ => true) { AcceptAnswers = false });
        await DeliverAsync(refusing, Invite("8800", Sdp));
        Assert.True(await _offered[^1].Leg.RingAsync(FakeBranchMedia.Parse(Sdp), CancellationToken.None));
        Assert.Single(_stack.Transport.Responses(SipStatusCodes.Ringing));
    }

    [Fact]
    public async Task AdaptedCaller_NoAdapterAvailable_RefusedAsOverloaded()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions(gateway: new FakeBranchMediaGateway(_ => true) { Available = false });

        await DeliverAsync(sessions, Invite("8800", Sdp));

        Assert.Empty(_offered);
        Assert.Single(_stack.Transport.Responses(LegEndCauses.ToStatusCode(LegEndCause.Overloaded)));
    }

    [Fact]
    public async Task EngineFailsOnTheOffer_Caller500_Once_NothingLeftWaiting()
    {
        _trunk = new TrunkPeer(IPAddress.Parse("192.0.2.10"), 5070);
        var sessions = Sessions(accept: false);
        ILegSession? offeredLeg = null;
        sessions.Accept((leg, _) =>
        {
            offeredLeg = leg;
            throw new InvalidOperationException("engine bug");
        });

        await DeliverAsync(sessions, Invite("8800", Sdp));

        Assert.Single(_stack.Transport.Responses(SipStatusCodes.ServerInternalError));
        Assert.NotNull(offeredLeg);
        Assert.False(offeredLeg.IsAnswered);
        // The engine's late command on the dead leg sends nothing more.
        await offeredLeg.RejectAsync(LegEndCause.Busy, CancellationToken.None);
        Assert.Empty(_stack.Transport.Responses(SipStatusCodes.BusyHere));
    }

    private ServerInviteSessions Sessions(bool accept = true, IBranchMediaGateway? gateway = null)
    {
        var sessions = new ServerInviteSessions(_stack.Dialogs, _harness.Authenticator, _harness.Limiter, _harness.Credentials,
            new SessionLayerSettings(() => _trunk, () => new SessionTimerPolicy(1800, 90), () => "cc") { SecureExtension = _secure }, new LegDirectory(), _stack.Time,
            Microsoft.Extensions.Options.Options.Create(new SipTimerOptions()),
            new UserAgentsMetrics(_services.GetRequiredService<IMeterFactory>()), NullLogger<ServerInviteSessions>.Instance, _stack.Transport, media: gateway);
        if (accept)
        {
            sessions.Accept((leg, offered) =>
            {
                _offered.Add((leg, offered));
                return _events;
            });
        }

        return sessions;
    }

    /// <summary>Agent 1001 calls 1002 with an offer, answering the challenge; what the engine was offered, if anything.</summary>
    private async Task<LegOffered?> AgentCallsAsync(ServerInviteSessions sessions)
    {
        await DeliverAsync(sessions, Invite("1002", Sdp));
        var challenge = _stack.Transport.Responses(SipStatusCodes.ProxyAuthenticationRequired)[0];
        Assert.True(challenge.TryGetAuthHeaders(SipHeaderKind.ProxyAuthenticate, out var headers));
        var answer = RegistrarHarness.Answer(headers[0], "1001", "secret1", uri: "sip:1002@192.0.2.1:5060", method: "INVITE");
        await DeliverAsync(sessions, Invite("1002", Sdp, "Proxy-Authorization: " + answer));
        return _offered.Count == 0 ? null : _offered[^1].Offered;
    }

    /// <summary>Delivers through the stack (so a server transaction exists), then hands it to <paramref name="sessions"/> as the user-agent core would.</summary>
    private async Task DeliverAsync(ServerInviteSessions sessions, SipRequest invite)
    {
        await _stack.DeliverAsync(invite);
        var (transaction, inbound) = _stack.Sessions.Invites[^1];
        await sessions.OnRequestAsync(transaction, inbound, CancellationToken.None);
    }

    private static SipRequest Invite(string dialed, string? sdp, params string[] extra)
    {
        var sb = new StringBuilder()
            .Append("INVITE sip:").Append(dialed).Append("@192.0.2.1:5060 SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 192.0.2.10:5070;branch=").Append(SipIds.NewBranch()).Append(";rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: \"Caller\" <sip:caller@192.0.2.10>;tag=").Append(DialogTestStack.PeerTag).Append("\r\n")
            .Append("To: <sip:").Append(dialed).Append("@192.0.2.1>\r\n")
            .Append("Call-ID: inv-").Append(SipIds.NewTag()).Append("\r\n")
            .Append("CSeq: 1 INVITE\r\n")
            .Append("Contact: ").Append(DialogTestStack.PeerContact).Append("\r\n");
        foreach (var line in extra)
        {
            sb.Append(line).Append("\r\n");
        }

        if (sdp is not null)
        {
            sb.Append("Content-Type: application/sdp\r\n");
        }

        var body = sdp ?? string.Empty;
        sb.Append("Content-Length: ").Append(Encoding.ASCII.GetByteCount(body).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n").Append(body);
        return SipParser.ParseRequest(sb.ToString());
    }
}
