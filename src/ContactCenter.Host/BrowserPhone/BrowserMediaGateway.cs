using System.Net;
using System.Security.Cryptography;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.WebRtc;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// Puts browsers into calls: an INVITE branch toward a contact registered over WebSocket (RFC 7118) gets a WebRTC offer
/// (ICE-lite, DTLS-SRTP, Opus/G.711, <see cref="SdpWebRtcOffer"/>) on a <see cref="WebRtcCallBridge"/> leased from the
/// configured RTP range, which speaks plain G.711 to the engine's relay endpoint (at the listen address: an internal
/// hop); a browser's own call (its WebRTC offer over the WebSocket) is answered the same way. The browser's ICE
/// candidate is the public address when one is set. The browser's codec: G.711 when it takes it (in the engine's law when
/// the engine offers, so the bridge only protects and unprotects), Opus when it takes nothing else or when
/// <see cref="BrowserPhoneOptions.PreferOpus"/> is set. Other branches and callers keep their media as it is.
/// </summary>
public sealed class BrowserMediaGateway(RtpPortAllocator ports, IOptions<MediaOptions> mediaOptions, IOptions<BrowserPhoneOptions> phoneOptions,
    TimeProvider time, ILoggerFactory loggers) : IBranchMediaGateway
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly Lazy<DtlsCertificate> _certificate = new(() => DtlsCertificate.Create(time));
    private readonly ILogger _logger = loggers.CreateLogger<BrowserMediaGateway>();
    private readonly DtlsHandshakeSlots _handshakes = new(phoneOptions.Value.DtlsHandshakeLimit, phoneOptions.Value.DtlsHandshakeTimeout, time);

    /// <inheritdoc />
    public IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(destination);
        available = true;
        // An SRTP-only offer (RTP/SAVP with SDES keys: an extension that must use TLS and SRTP, a desk phone beside the
        // browser) is answered with keys of the bridge's own on the internal hop.
        if (destination.Protocol is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss) || offer.Media.Count == 0
            || Addresses() is not var (internalHop, candidate) || Lease(destination, candidate, EngineLaw(offer), out available) is not var (bridge, local))
        {
            return null;
        }

        return BrowserBranchMedia.Offering(bridge, local, internalHop, offer, time);
    }

    /// <inheritdoc />
    public IBranchMedia? Accept(SdpSession offer, SipEndPoint source, out bool available)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(source);
        available = true;
        if (source.Protocol is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss) || Addresses() is not var (internalHop, candidate)
            || !offer.Media.Any(m => string.Equals(m.Protocol, SdpWebRtcTransport.Protocol, StringComparison.OrdinalIgnoreCase))
            || Lease(source, candidate, G711Law.Pcmu, out available) is not var (bridge, local))
        {
            return null;
        }

        if (BrowserBranchMedia.Answering(bridge, local, internalHop, offer, time) is { } media)
        {
            return media;
        }

        _ = bridge.DisposeAsync().AsTask();
        return null;
    }

    /// <summary>
    /// The bridge's two addresses: toward the engine's relay the listen address (an internal hop, in this process: never
    /// the public address, which would need the NAT to hairpin), toward the browser the public address when one is set
    /// (<c>Sip:Rtp:PublicAddress</c>, forwarded to the listen address on the same ports), else the listen address.
    /// Null when the listen address is a wildcard (no address to name).
    /// </summary>
    private (IPAddress InternalHop, IPAddress Candidate)? Addresses()
    {
        var options = mediaOptions.Value;
        var listen = options.ListenIPAddress;
        if (listen.Equals(IPAddress.Any) || listen.Equals(IPAddress.IPv6Any))
        {
            return null;
        }

        return (listen, IPAddress.TryParse(options.PublicAddress, out var published) ? published : listen);
    }

    /// <summary>
    /// The browser's codecs in our order of preference: G.711 first (<paramref name="law"/> before the other), Opus after,
    /// unless Opus is preferred; telephone-events on both clocks.
    /// </summary>
    private EquatableArray<SdpCodec> Codecs(G711Law law)
    {
        SdpCodec[] g711 = law == G711Law.Pcma ? [SdpCodec.Pcma, SdpCodec.Pcmu] : [SdpCodec.Pcmu, SdpCodec.Pcma];
        SdpCodec[] events = [SdpCodec.TelephoneEvent(), SdpCodec.TelephoneEvent(126) with { ClockRate = 48_000 }];
        return phoneOptions.Value.PreferOpus ? [SdpCodec.Opus, .. g711, .. events] : [.. g711, SdpCodec.Opus, .. events];
    }

    /// <summary>The law of the first G.711 codec in the engine's offer (PCMU when it names none).</summary>
    private static G711Law EngineLaw(SdpSession offer)
    {
        foreach (var codec in SdpOfferAnswer.GetCodecs(offer.Media[0]))
        {
            if (G711.TryGetLaw(codec, out var law))
            {
                return law;
            }
        }

        return G711Law.Pcmu;
    }

    private (WebRtcCallBridge Bridge, SdpWebRtcLocal Local)? Lease(SipEndPoint browserSignalling, IPAddress address, G711Law law, out bool available)
    {
        // RFC 8445 §7.3: we answer the checks of the address the browser's signalling comes from only (RFC 7675 consent
        // is the browser's to keep); checks from its other interfaces get no reply.
        var browser = Normalize(browserSignalling.EndPoint.Address);
        var ice = new IceLiteResponder(Token(8), Token(24), source => Normalize(source).Equals(browser));
        var certificate = _certificate.Value;
        available = WebRtcCallBridge.TryCreate(ports, ice, certificate, _handshakes, _logger, out var bridge);
        if (bridge is null)
        {
            return null;
        }

        var local = new SdpWebRtcLocal(address, bridge.Browser.LocalEndPoint.Port, ice.LocalUfrag, ice.LocalPassword, certificate.Fingerprint)
        {
            SessionName = "ContactCenter",
            Codecs = Codecs(law),
        };
        bridge.Start();
        return (bridge, local);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Token(int length) => RandomNumberGenerator.GetString(TokenAlphabet, length);
}
