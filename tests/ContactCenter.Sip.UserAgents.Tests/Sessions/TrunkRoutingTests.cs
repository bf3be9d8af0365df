using System.Net;
using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// Issue #17 in the session layer: a leg goes out on the trunk the engine names (its address, port and transport), and
/// its end says whether the way failed (5xx, 408, no response at all: another trunk may be tried) or the number answered
/// (busy, not found: final); which sources a trunk trusts.
/// </summary>
public sealed class TrunkRoutingTests : IDisposable
{
    private const string Sdp = "v=0\r\no=peer 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private static readonly TrunkPeer Configured = new(IPAddress.Parse("192.0.2.50"), 5090);

    private static readonly TrunkPeer Second = new(IPAddress.Parse("192.0.2.60"), 5070)
    {
        Name = "second", Transport = SipTransportProtocol.Tcp, Sources = [IPAddress.Parse("192.0.2.61")],
    };

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new();
    private readonly RecordingLegEvents _events = new();

    [Fact]
    public void NamedTrunk_TheLegGoesToItsPeerOverItsTransport()
    {
        Offer(LegTarget.Outside("+74951234567", "second"));

        var sent = Assert.Single(SpinUntilInvites(1));
        Assert.Equal(new SipEndPoint(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.60"), 5070)), sent.Destination);
        Assert.Equal("tcp", ((SipRequest)sent.Message).RequestUri.Transport);
    }

    [Fact]
    public void NoTrunkNamed_TheConfiguredOne_UnknownName_Unreachable_RouteFailed()
    {
        Offer(LegTarget.Outside("+74951234567"));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.50"), 5090), Assert.Single(SpinUntilInvites(1)).Destination.EndPoint);

        Offer(LegTarget.Outside("+74951234567", "gone"));
        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.True(_events.Ended[0].RouteFailed);
        Assert.Single(_stack.Transport.SentRequests(SipMethod.Invite));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(500, true)]
    [InlineData(408, true)]
    [InlineData(404, false)]
    [InlineData(486, false)]
    [InlineData(480, false)]
    [InlineData(603, false)]
    public async Task FinalFailure_RouteFailedOnlyForServerErrorsAndTimeouts(int status, bool routeFailed)
    {
        Offer(LegTarget.Outside("+74951234567", "second"));
        var invite = (SipRequest)SpinUntilInvites(1)[0].Message;

        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(invite, status, toTag: "tag-a").Build());

        Assert.True(_events.WaitFor(e => e.Ended.Count == 1));
        Assert.Equal(routeFailed, _events.Ended[0].RouteFailed);
    }

    [Fact]
    public void NothingHeardBeforeTheRingTimeout_RouteFailed()
    {
        Offer(LegTarget.Outside("+74951234567", "second"), TimeSpan.FromSeconds(5));
        SpinUntilInvites(1);

        AdvanceUntilEnded();
        Assert.Equal((LegEndCause.Unavailable, true), (_events.Ended[0].Cause, _events.Ended[0].RouteFailed));
    }

    [Fact]
    public async Task RangThenTheRingTimeout_NoAnswer_NotARouteFailure()
    {
        Offer(LegTarget.Outside("+74951234567", "second"), TimeSpan.FromSeconds(5));
        var invite = (SipRequest)SpinUntilInvites(1)[0].Message;
        await _stack.DeliverAsync(SipResponseBuilder.ForRequest(invite, SipStatusCodes.Ringing, toTag: "tag-a")
            .AddContact(SipNameAddress.Parse(DialogTestStack.PeerContact)).Build());
        Assert.True(_events.WaitFor(e => e.Ringing == 1));

        AdvanceUntilEnded();
        Assert.Equal((LegEndCause.NoAnswer, false), (_events.Ended[0].Cause, _events.Ended[0].RouteFailed));
    }

    [Theory]
    [InlineData("192.0.2.60", 5070, SipTransportProtocol.Udp, true)]
    [InlineData("192.0.2.60", 5071, SipTransportProtocol.Udp, false)] // UDP: the configured port only
    [InlineData("192.0.2.60", 40_000, SipTransportProtocol.Tcp, true)] // TCP: ephemeral source ports
    [InlineData("192.0.2.60", 40_000, SipTransportProtocol.Tls, false)] // TLS only for a TLS trunk
    [InlineData("192.0.2.60", 40_000, SipTransportProtocol.Ws, false)] // a browser, never a carrier
    [InlineData("192.0.2.61", 1234, SipTransportProtocol.Udp, true)] // one of its other sources, any port
    [InlineData("192.0.2.62", 5070, SipTransportProtocol.Udp, false)]
    public void Trusts_ByAddressAndPortOrSource(string address, int port, SipTransportProtocol protocol, bool trusted) =>
        Assert.Equal(trusted, Second.Trusts(new IPEndPoint(IPAddress.Parse(address), port), protocol));

    [Fact]
    public void TrunkPeer_NeverPrintsItsPassword()
    {
        var peer = Second with { Credentials = new TrunkCredentials("cc", "s3cret-pw") };

        Assert.DoesNotContain("s3cret-pw", peer.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
    }

    private void Offer(LegTarget target, TimeSpan? ringFor = null)
    {
        var settings = new SessionLayerSettings(() => Configured, () => new SessionTimerPolicy(1800, 90), () => "cc") { Trunks = () => [Configured, Second] };
        var sessions = new ClientInviteSessions(_stack.Dialogs, _stack.Layer, _stack.Transport, _harness.Locations, settings, new LegDirectory(), _stack.Time,
            NullLogger<ClientInviteSessions>.Instance);
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(Sdp), out var offer, out _));
        sessions.Offer(new LegOffer(Guid.NewGuid(), target, "+74950000000", offer, ringFor ?? TimeSpan.FromSeconds(30)), _events);
    }

    // The ring timer starts just after the INVITE leaves: time moves on in steps until the leg has ended.
    private void AdvanceUntilEnded() =>
        Assert.True(SpinWait.SpinUntil(() =>
        {
            _stack.Advance(TimeSpan.FromSeconds(1));
            return _events.WaitFor(e => e.Ended.Count == 1, TimeSpan.FromMilliseconds(50));
        }, TimeSpan.FromSeconds(10)));

    private IReadOnlyList<SentMessage> SpinUntilInvites(int count)
    {
        Assert.True(SpinWait.SpinUntil(() => _stack.Transport.SentRequests(SipMethod.Invite).Count == count, TimeSpan.FromSeconds(5)));
        return _stack.Transport.SentRequests(SipMethod.Invite);
    }
}
