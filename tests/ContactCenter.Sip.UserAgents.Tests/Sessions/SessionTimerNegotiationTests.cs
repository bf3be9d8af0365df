using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

public sealed class SessionTimerNegotiationTests
{
    private static readonly SessionTimerPolicy Policy = new(SessionExpires: 1800, MinSE: 90);

    [Fact]
    public void Answer_TooSmallFromTimerCapablePeer_Gets422WithOurMinSE()
    {
        var request = Invite("Supported: timer\r\nSession-Expires: 60\r\n");

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Equal(SipStatusCodes.SessionIntervalTooSmall, answer.Refusal?.StatusCode);
        Assert.True(answer.Refusal!.TryGetMinSE(out var minSe));
        Assert.Equal(90, minSe);
    }

    [Fact]
    public void Answer_TooSmallFromPeerWithoutTimer_RaisedToMinSEAndWeRefresh()
    {
        var request = Invite("Session-Expires: 60\r\n");

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Null(answer.Refusal);
        Assert.Equal(new SessionTerms(TimeSpan.FromSeconds(90), WeRefresh: true), answer.Terms);
        var ok = Decorated(request, answer);
        Assert.Equal("90;refresher=uas", Value(ok, SipHeaderKind.SessionExpires));
        Assert.False(ok.TryGetTokens(SipHeaderKind.Require, out _));
    }

    [Fact]
    public void Answer_TimerCapablePeerWithoutRefresher_PeerRefreshesAndResponseRequiresTimer()
    {
        var request = Invite("Supported: timer, 100rel\r\nSession-Expires: 600\r\nMin-SE: 120\r\n");

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Equal(new SessionTerms(TimeSpan.FromSeconds(600), WeRefresh: false), answer.Terms);
        var ok = Decorated(request, answer);
        Assert.Equal("600;refresher=uac", Value(ok, SipHeaderKind.SessionExpires));
        Assert.True(ok.TryGetTokens(SipHeaderKind.Require, out var required));
        Assert.Contains("timer", required);
    }

    [Fact]
    public void Answer_PeerAsksUsToRefresh_WeRefreshAndLargerIntervalIsLoweredToOurs()
    {
        var request = Invite("Supported: timer\r\nx: 7200;refresher=uas\r\n");

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Equal(new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true), answer.Terms);
    }

    [Fact]
    public void Answer_NoSessionExpires_OursWithUsAsRefresherForPeerWithoutTimer()
    {
        var request = Invite(string.Empty);

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Equal(new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true), answer.Terms);
    }

    [Theory]
    [InlineData("Session-Expires: soon\r\n")]
    [InlineData("Session-Expires: 600;refresher=proxy\r\n")]
    [InlineData("Min-SE: -1\r\n")]
    [InlineData("Supported: timer\r\nMin-SE: 2147483647\r\n")] // no timer could wait that long: not a call to answer and drop
    public void Answer_MalformedHeader_Gets400(string headers)
    {
        var request = Invite(headers);

        var answer = SessionTimerNegotiation.Answer(request, Policy, Respond(request));

        Assert.Equal(SipStatusCodes.BadRequest, answer.Refusal?.StatusCode);
    }

    [Theory]
    [InlineData("Session-Expires: 1200;refresher=uac", 1200, true)]
    [InlineData("Session-Expires: 1200;refresher=uas", 1200, false)]
    [InlineData("Session-Expires: 900", 900, true)]
    [InlineData("Session-Expires: 2147483647;refresher=uas", 86_400, false)] // kept as a day: a timer's longest wait is ~49 days
    public void FromResponse_RefresherNamesWhoRefreshes(string header, int seconds, bool weRefresh)
    {
        var response = (SipResponse)SipParser.Parse(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n"
            + "Call-ID: c1\r\nCSeq: 1 INVITE\r\n" + header + "\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(new SessionTerms(TimeSpan.FromSeconds(seconds), weRefresh), SessionTimerNegotiation.FromResponse(response));
    }

    [Fact]
    public void FromResponse_NoSessionExpires_NoTimer()
    {
        var response = (SipResponse)SipParser.Parse(
            "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n"
            + "Call-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n");

        Assert.Null(SessionTimerNegotiation.FromResponse(response));
    }

    private static SipRequest Invite(string extraHeaders) =>
        (SipRequest)SipParser.Parse(
            "INVITE sip:7000@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
            + "From: <sip:84951000003@127.0.0.1>;tag=1\r\nTo: <sip:7000@127.0.0.1>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\n"
            + extraHeaders + "Content-Length: 0\r\n\r\n");

    private static Func<int, string?, Action<SipResponseBuilder>?, SipResponse> Respond(SipRequest request) =>
        (status, reason, customize) =>
        {
            var builder = SipResponseBuilder.ForRequest(request, status, reason, "t1");
            customize?.Invoke(builder);
            return builder.Build();
        };

    private static string? Value(SipMessage message, SipHeaderKind kind) =>
        message.Headers.TryGetFirst(kind, out var header) ? header.GetValueString() : null;

    private static SipResponse Decorated(SipRequest request, SessionTimerNegotiation answer)
    {
        var builder = SipResponseBuilder.ForRequest(request, SipStatusCodes.OK, null, "t1");
        answer.Decorate(builder);
        return builder.Build();
    }
}
