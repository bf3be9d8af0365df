using System.Security.Cryptography;
using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;
using System.Net;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// Our UAC toward a carrier that challenges: a 401/407 to our INVITE is answered once with digest from the trunk
/// credentials (same call, next CSeq), a second challenge ends the leg as Forbidden (never a loop), and in the answered
/// dialog a REFER's challenge is answered too while the BYE and session refreshes carry the credentials up front, the nonce
/// count going on.
/// </summary>
public sealed class TrunkChallengeTests : IDisposable
{
    private const string Sdp = "v=0\r\no=peer 1 1 IN IP4 192.0.2.50\r\ns=-\r\nc=IN IP4 192.0.2.50\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private const string OurSdp = "v=0\r\no=cc 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new();
    private readonly RecordingLegEvents _events = new();

    [Fact]
    public async Task InviteChallenged407_AnsweredOnceWithMd5Digest_ThenAnswered_AckCarriesTheCredentials()
    {
        var leg = Offer(new TrunkCredentials("acme", "s3cret"));
        var first = SentInvites(1)[0];

        await _stack.DeliverAsync(Challenge(first, 407, "Digest realm=\"carrier.test\", nonce=\"n-1\", qop=\"auth\", algorithm=MD5"));
        var retry = SentInvites(2)[1];

        Assert.Equal(first.CallId, retry.CallId);
        Assert.Equal(first.From.Tag, retry.From.Tag);
        Assert.Equal(first.CSeq.Number + 1, retry.CSeq.Number);
        Assert.NotEqual(first.TopVia.Branch, retry.TopVia.Branch);
        var credentials = Credentials(retry, SipHeaderKind.ProxyAuthorization);
        Assert.Equal("acme", Value(credentials, "username"));
        Assert.Equal("carrier.test", Value(credentials, "realm"));
        Assert.Equal("00000001", Value(credentials, "nc"));
        Assert.Equal(ExpectedResponse(MD5.HashData, "acme", "carrier.test", "s3cret", "INVITE", credentials), Value(credentials, "response"));
        Assert.DoesNotContain("s3cret", Encoding.ASCII.GetString(retry.ToArray()), StringComparison.Ordinal);

        await _stack.DeliverAsync(Response(retry, SipStatusCodes.OK, "carrier-tag", Sdp));

        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));
        Assert.True(leg.IsAnswered);
        Assert.Empty(_events.Ended);
        var ack = Assert.Single(_stack.Transport.Requests(SipMethod.Ack), a => a.CSeq.Number == retry.CSeq.Number);
        Assert.Equal(Value(credentials, "response"), Value(Credentials(ack, SipHeaderKind.ProxyAuthorization), "response"));
    }

    [Fact]
    public async Task ShaAndMd5Offered_AnsweredWithSha256()
    {
        Offer(new TrunkCredentials("acme", "s3cret"));
        var first = SentInvites(1)[0];

        await _stack.DeliverAsync(Challenge(first, 401,
            "Digest realm=\"carrier.test\", nonce=\"n-2\", qop=\"auth\", algorithm=MD5",
            "Digest realm=\"carrier.test\", nonce=\"n-3\", qop=\"auth\", algorithm=SHA-256"));
        var credentials = Credentials(SentInvites(2)[1], SipHeaderKind.Authorization);

        Assert.Equal("SHA-256", Value(credentials, "algorithm"));
        Assert.Equal("n-3", Value(credentials, "nonce"));
        Assert.Equal(ExpectedResponse(SHA256.HashData, "acme", "carrier.test", "s3cret", "INVITE", credentials), Value(credentials, "response"));
    }

    [Fact]
    public async Task OurAnswerChallengedAgain_LegEndsForbidden_NoThirdInvite()
    {
        Offer(new TrunkCredentials("acme", "wrong"));
        var first = SentInvites(1)[0];
        await _stack.DeliverAsync(Challenge(first, 401, "Digest realm=\"carrier.test\", nonce=\"n-1\", qop=\"auth\""));
        var retry = SentInvites(2)[1];

        await _stack.DeliverAsync(Challenge(retry, 401, "Digest realm=\"carrier.test\", nonce=\"n-9\", qop=\"auth\""));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Forbidden, _events.Ended[0].Cause);
        Assert.True(_events.Ended[0].ByPeer);
        Assert.False(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Invite).Count > 2, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task ChallengeForAnotherRealm_NotAnswered_LegEnds()
    {
        Offer(new TrunkCredentials("acme", "s3cret", Realm: "carrier.test"));
        var first = SentInvites(1)[0];

        await _stack.DeliverAsync(Challenge(first, 407, "Digest realm=\"elsewhere.test\", nonce=\"n-1\", qop=\"auth\""));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Forbidden, _events.Ended[0].Cause);
        Assert.Single(_stack.Transport.Requests(SipMethod.Invite));
    }

    [Fact]
    public async Task NoTrunkCredentials_ChallengeEndsTheLegUnavailable_AsBefore()
    {
        Offer(null);
        var first = SentInvites(1)[0];

        await _stack.DeliverAsync(Challenge(first, 401, "Digest realm=\"carrier.test\", nonce=\"n-1\", qop=\"auth\""));

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(LegEndCause.Unavailable, _events.Ended[0].Cause);
        Assert.Single(_stack.Transport.Requests(SipMethod.Invite));
    }

    [Fact]
    public async Task InDialog_ReferChallenged_AnsweredAgain_ByeCarriesCredentialsUpFront_NonceCountKept()
    {
        var leg = Offer(new TrunkCredentials("acme", "s3cret"));
        var first = SentInvites(1)[0];
        await _stack.DeliverAsync(Challenge(first, 407, "Digest realm=\"carrier.test\", nonce=\"n-1\", qop=\"auth\""));
        var retry = SentInvites(2)[1];
        await _stack.DeliverAsync(Response(retry, SipStatusCodes.OK, "carrier-tag", Sdp));
        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));

        var refer = leg.ReferAsync(LegTarget.Extension("1002"), null, CancellationToken.None).AsTask();
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Refer).Count == 1, TimeSpan.FromSeconds(5)));
        var firstRefer = _stack.Transport.Requests(SipMethod.Refer)[0];
        Assert.Equal("00000002", Value(Credentials(firstRefer, SipHeaderKind.ProxyAuthorization), "nc"));
        await _stack.DeliverAsync(Challenge(firstRefer, 407, "Digest realm=\"carrier.test\", nonce=\"n-2\", qop=\"auth\", stale=true"));
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Refer).Count == 2, TimeSpan.FromSeconds(5)));
        var secondRefer = _stack.Transport.Requests(SipMethod.Refer)[1];
        var referCredentials = Credentials(secondRefer, SipHeaderKind.ProxyAuthorization);
        Assert.Equal("n-2", Value(referCredentials, "nonce"));
        Assert.Equal("00000001", Value(referCredentials, "nc"));
        Assert.Equal(ExpectedResponse(MD5.HashData, "acme", "carrier.test", "s3cret", "REFER", referCredentials), Value(referCredentials, "response"));
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(secondRefer, SipStatusCodes.Accepted).Build());
        Assert.True(await refer);

        await leg.HangUpAsync(CancellationToken.None);
        var bye = Assert.Single(_stack.Transport.Requests(SipMethod.Bye));
        var byeCredentials = Credentials(bye, SipHeaderKind.ProxyAuthorization);
        Assert.Equal("00000002", Value(byeCredentials, "nc"));
        Assert.Equal(ExpectedResponse(MD5.HashData, "acme", "carrier.test", "s3cret", "BYE", byeCredentials), Value(byeCredentials, "response"));
    }

    [Fact]
    public async Task InDialog_SessionRefresh_CarriesTheCredentialsUpFront()
    {
        var leg = Offer(new TrunkCredentials("acme", "s3cret"));
        await _stack.DeliverAsync(Challenge(SentInvites(1)[0], 407, "Digest realm=\"carrier.test\", nonce=\"n-1\", qop=\"auth\""));
        await _stack.DeliverAsync(Response(SentInvites(2)[1], SipStatusCodes.OK, "carrier-tag", Sdp));
        Assert.True(_events.WaitFor(e => e.Answered.Count == 1));

        _ = leg.RefreshAsync(CancellationToken.None).AsTask();
        var refresh = SentInvites(3)[2];

        var credentials = Credentials(refresh, SipHeaderKind.ProxyAuthorization);
        Assert.Equal("00000002", Value(credentials, "nc"));
        Assert.Equal(ExpectedResponse(MD5.HashData, "acme", "carrier.test", "s3cret", "INVITE", credentials), Value(credentials, "response"));
    }

    [Fact]
    public void TrunkCredentials_ToStringHidesThePassword() =>
        Assert.DoesNotContain("s3cret", new TrunkCredentials("acme", "s3cret", "carrier.test").ToString(), StringComparison.Ordinal);

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
    }

    private ClientLegSession Offer(TrunkCredentials? credentials)
    {
        var settings = new SessionLayerSettings(() => new TrunkPeer(IPAddress.Parse("192.0.2.50"), 5090), () => new SessionTimerPolicy(1800, 90), () => "cc")
        {
            TrunkCredentials = () => credentials,
        };
        var sessions = new ClientInviteSessions(_stack.Dialogs, _stack.Layer, _stack.Transport, _harness.Locations, settings, new LegDirectory(), _stack.Time,
            NullLogger<ClientInviteSessions>.Instance);
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(OurSdp), out var offer, out _));
        return sessions.Offer(new LegOffer(Guid.NewGuid(), LegTarget.Outside("+74951234567"), "+74950000000", offer, TimeSpan.FromSeconds(30)), _events);
    }

    private SipRequest[] SentInvites(int count)
    {
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.Requests(SipMethod.Invite).Count >= count, TimeSpan.FromSeconds(5)));
        return [.. _stack.Transport.Requests(SipMethod.Invite)];
    }

    private static SipResponse Challenge(SipRequest request, int status, params string[] challenges)
    {
        var builder = SipResponseBuilder.ForRequest(request, status, toTag: "carrier-auth");
        foreach (var challenge in challenges)
        {
            builder.AddHeader(status == 407 ? SipHeaderKind.ProxyAuthenticate : SipHeaderKind.WwwAuthenticate, challenge);
        }

        return builder.Build();
    }

    private static SipResponse Response(SipRequest invite, int status, string toTag, string sdp) =>
        SipResponseBuilder.ForRequest(invite, status, toTag: toTag).AddContact(SipNameAddress.Parse("<sip:carrier@192.0.2.50:5090>"))
            .SetBody(Encoding.ASCII.GetBytes(sdp), "application/sdp").Build();

    private static SipAuthHeader Credentials(SipRequest request, SipHeaderKind kind)
    {
        Assert.True(request.TryGetAuthHeaders(kind, out var headers), $"no {kind} in {request.Method}");
        return Assert.Single(headers);
    }

    private static string Value(SipAuthHeader header, string name)
    {
        Assert.True(header.TryGet(name, out var value), $"no {name}");
        return value;
    }

    // RFC 7616 §3.4.1 with qop=auth, computed here independently of DigestCalculator.
    private static string ExpectedResponse(Func<byte[], byte[]> hash, string user, string realm, string password, string method, SipAuthHeader credentials)
    {
        string H(string text) => Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(text)));
        var ha1 = H($"{user}:{realm}:{password}");
        var ha2 = H($"{method}:{Value(credentials, "uri")}");
        return H($"{ha1}:{Value(credentials, "nonce")}:{Value(credentials, "nc")}:{Value(credentials, "cnonce")}:auth:{ha2}");
    }
}
