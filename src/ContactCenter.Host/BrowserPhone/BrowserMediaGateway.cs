using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ContactCenter.Media.Ports;
using ContactCenter.Media.WebRtc;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// Puts browsers into calls: an INVITE branch toward a contact registered over WebSocket (RFC 7118) gets a WebRTC offer
/// (ICE-lite, DTLS-SRTP, Opus/G.711, <see cref="SdpWebRtcOffer"/>) on a <see cref="WebRtcCallBridge"/> leased from the
/// configured RTP range, which speaks plain G.711 to the engine's relay endpoint. Other branches keep the engine's offer.
/// </summary>
public sealed class BrowserMediaGateway(RtpPortAllocator ports, TimeProvider time, ILoggerFactory loggers) : IBranchMediaGateway
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private readonly Lazy<DtlsCertificate> _certificate = new(() => DtlsCertificate.Create(time));
    private readonly ILogger _logger = loggers.CreateLogger<BrowserMediaGateway>();

    /// <inheritdoc />
    public IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(destination);
        available = true;
        if (destination.Protocol is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss)
            || offer.Media.Count == 0 || offer.GetConnection(offer.Media[0]) is not { } connection
            || !IPAddress.TryParse(connection.Address, out var address) || address.Equals(IPAddress.Any))
        {
            return null;
        }

        // RFC 8445 §7.3: we answer the checks of the address the browser's signalling comes from only (RFC 7675 consent
        // is the browser's to keep); checks from its other interfaces get no reply.
        var browser = Normalize(destination.EndPoint.Address);
        var ice = new IceLiteResponder(Token(8), Token(24), source => Normalize(source).Equals(browser));
        var certificate = _certificate.Value;
        if (!WebRtcCallBridge.TryCreate(ports, ice, certificate, _logger, out var bridge))
        {
            available = false;
            return null;
        }

        var local = new SdpWebRtcLocal(address, bridge.Browser.LocalEndPoint.Port, ice.LocalUfrag, ice.LocalPassword, certificate.Fingerprint)
        {
            SessionName = "ContactCenter",
        };
        bridge.Start();
        return new BrowserBranchMedia(bridge, local, offer, time);
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string Token(int length) => RandomNumberGenerator.GetString(TokenAlphabet, length);
}
