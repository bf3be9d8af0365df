using System.Net;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Registration;
using ContactCenter.Sip.UserAgents.Sessions;
using ContactCenter.Sip.UserAgents.Tests.Dialogs;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>
/// Which legs we offer SRTP (SDES keys in the SDP, RFC 4568): only phones whose signalling is encrypted get keys, an
/// extension that must use TLS and SRTP gets RTP/SAVP only, and the registrar refuses such an extension anything but TLS
/// (or, for a browser phone, a secure WebSocket: its media is DTLS-SRTP, and its adapter takes plain RTP on the internal hop).
/// </summary>
public sealed class LegMediaSecurityTests : IDisposable
{
    private static readonly SipEndPointInfo TlsPhone = new("TLS", IPAddress.Parse("192.0.2.10"), 40200);
    private static readonly SipEndPointInfo SecureBrowser = new("WSS", IPAddress.Parse("192.0.2.10"), 40300);
    private static readonly SipEndPointInfo PlainBrowser = new("WS", IPAddress.Parse("192.0.2.10"), 40301);

    private readonly DialogTestStack _stack = new();
    private readonly RegistrarHarness _harness = new(new RegistrarOptions { Realm = RegistrarHarness.Realm, SecureExtensions = ["1002"] });

    [Fact]
    public async Task ExtensionRegisteredOverUdp_PlainRtp()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>");

        Assert.Equal(SdpSrtpMode.Off, Sessions().MediaSecurity(LegTarget.Extension("1001")));
    }

    [Fact]
    public async Task ExtensionRegisteredOverTls_OfferedSrtpKeys()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40200;transport=tls>", source: TlsPhone);

        Assert.Equal(SdpSrtpMode.Allow, Sessions().MediaSecurity(LegTarget.Extension("1001")));
    }

    [Fact]
    public async Task ExtensionWithABrowserBesideItsTlsPhone_TheTlsPhoneIsStillOfferedKeys()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40200;transport=tls>", source: TlsPhone, callId: "tls-phone");
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:abc@df7jal23ls0d.invalid;transport=ws>", callId: "browser",
            source: new SipEndPointInfo("WSS", IPAddress.Parse("192.0.2.10"), 40300));

        Assert.Equal(2, _harness.Locations.CountBindings("1001"));
        Assert.Equal(SdpSrtpMode.Allow, Sessions().MediaSecurity(LegTarget.Extension("1001")));
    }

    [Fact]
    public async Task ExtensionWithOnePhoneOverUdpBesideTls_PlainRtp_NoKeysInClearText()
    {
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40200;transport=tls>", source: TlsPhone, callId: "tls-phone");
        await _harness.RegisterAsync("1001", "secret1", 1, "<sip:1001@192.0.2.10:40123>", callId: "udp-phone");

        Assert.Equal(2, _harness.Locations.CountBindings("1001"));
        Assert.Equal(SdpSrtpMode.Off, Sessions().MediaSecurity(LegTarget.Extension("1001")));
    }

    [Fact]
    public void ExtensionThatMustUseTlsAndSrtp_RtpSavpOnly_OutsideNumbers_PlainRtp()
    {
        var sessions = Sessions(secure: "1002");

        Assert.Equal(SdpSrtpMode.Require, sessions.MediaSecurity(LegTarget.Extension("1002")));
        Assert.Equal(SdpSrtpMode.Off, sessions.MediaSecurity(LegTarget.Outside("+74951234567")));
    }

    [Fact]
    public void TrunkThatRequiresTlsAndSrtp_RtpSavpOnly_WithItsCodecs_OtherTrunks_PlainRtpDefaultCodecs()
    {
        var secure = new TrunkPeer(IPAddress.Parse("192.0.2.60"), 5061)
        {
            Name = "secure", Transport = SipTransportProtocol.Tls, RequireTlsAndSrtp = true, Codecs = [LegCodecs.Pcma],
        };
        var plain = new TrunkPeer(IPAddress.Parse("192.0.2.70"), 5060) { Name = "plain" };
        var sessions = Sessions(trunks: [secure, plain]);

        Assert.Equal(SdpSrtpMode.Require, sessions.MediaSecurity(LegTarget.Outside("+74951234567", "secure")));
        Assert.Equal([LegCodecs.Pcma], sessions.MediaCodecs(LegTarget.Outside("+74951234567", "secure")));
        Assert.Equal(SdpSrtpMode.Off, sessions.MediaSecurity(LegTarget.Outside("+74951234567", "plain")));
        Assert.Empty(sessions.MediaCodecs(LegTarget.Outside("+74951234567", "plain")));
        Assert.Empty(sessions.MediaCodecs(LegTarget.Extension("1001")));
    }

    [Fact]
    public async Task Registrar_ExtensionThatMustUseTls_RegisteringOverUdp_403TlsRequired_NotBound()
    {
        var response = await _harness.RegisterAsync("1002", "secret2", 1, "<sip:1002@192.0.2.10:40123>");

        Assert.Equal(403, response.StatusCode);
        Assert.Equal("TLS Required", response.ReasonPhrase);
        Assert.Equal(0, _harness.Locations.CountBindings("1002"));
    }

    [Fact]
    public async Task Registrar_ExtensionThatMustUseTls_RegisteringOverTls_Bound()
    {
        var response = await _harness.RegisterAsync("1002", "secret2", 1, "<sip:1002@192.0.2.10:40200;transport=tls>", source: TlsPhone);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, _harness.Locations.CountBindings("1002"));
    }

    [Fact]
    public async Task Registrar_ExtensionThatMustUseTls_BrowserOverWss_Bound_OverPlainWs_403TlsRequired()
    {
        var plain = await _harness.RegisterAsync("1002", "secret2", 1, "<sip:p1@x1.invalid;transport=ws>", source: PlainBrowser, callId: "plain");
        var secure = await _harness.RegisterAsync("1002", "secret2", 1, "<sip:s1@x2.invalid;transport=ws>", source: SecureBrowser, callId: "secure");

        Assert.Equal((403, "TLS Required"), (plain.StatusCode, plain.ReasonPhrase));
        Assert.Equal(200, secure.StatusCode);
        Assert.Equal(1, _harness.Locations.CountBindings("1002"));
    }

    [Fact]
    public async Task ExtensionThatMustUseTlsAndSrtp_BrowsersOnly_PlainRtpToTheAdapter_WithATlsPhoneBeside_RtpSavp()
    {
        await _harness.RegisterAsync("1002", "secret2", 1, "<sip:s1@x2.invalid;transport=ws>", source: SecureBrowser, callId: "browser");
        var sessions = Sessions(secure: "1002");

        // The browser's branch gets WebRTC media from its adapter (DTLS-SRTP); the engine's side of it is an internal hop.
        Assert.Equal(SdpSrtpMode.Off, sessions.MediaSecurity(LegTarget.Extension("1002")));

        await _harness.RegisterAsync("1002", "secret2", 1, "<sip:1002@192.0.2.10:40200;transport=tls>", source: TlsPhone, callId: "tls-phone");

        Assert.Equal(SdpSrtpMode.Require, sessions.MediaSecurity(LegTarget.Extension("1002")));
    }

    public void Dispose()
    {
        _stack.Dispose();
        _harness.Dispose();
    }

    private ClientInviteSessions Sessions(string? secure = null, IReadOnlyList<TrunkPeer>? trunks = null)
    {
        var settings = new SessionLayerSettings(() => null, () => new SessionTimerPolicy(1800, 90), () => "cc")
        {
            SecureExtension = extension => extension == secure,
            Trunks = () => trunks ?? [],
        };
        return new ClientInviteSessions(_stack.Dialogs, _stack.Layer, _stack.Transport, _harness.Locations, settings, new LegDirectory(), _stack.Time,
            NullLogger<ClientInviteSessions>.Instance);
    }
}
