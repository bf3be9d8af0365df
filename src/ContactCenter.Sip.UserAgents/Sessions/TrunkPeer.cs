using System.Net;
using ContactCenter.Sessions;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A carrier trunk: where the legs we place on it go, and whose INVITEs are trusted by their source (its address, and
/// over UDP its port; or any of <see cref="Sources"/>).
/// </summary>
/// <param name="Address">The carrier's address.</param>
/// <param name="Port">The carrier's port (over TCP its source port is ephemeral and not checked).</param>
public sealed record TrunkPeer(IPAddress Address, int Port)
{
    /// <summary>The trunk's name (the engine chooses trunks by it; logs and metrics show it).</summary>
    public string Name { get; init; } = "trunk";

    /// <summary>How we reach the carrier.</summary>
    public SipTransportProtocol Transport { get; init; } = SipTransportProtocol.Udp;

    /// <summary>Further addresses the carrier's INVITEs come from (any port), e.g. its other proxies.</summary>
    public IReadOnlyList<IPAddress> Sources { get; init; } = [];

    /// <summary>The credentials that answer the carrier's challenges to the legs we place on it; null answers none.</summary>
    public TrunkCredentials? Credentials { get; init; }

    /// <summary>The audio formats of its legs in preference order (<see cref="LegCodecs"/> names); empty for the engine's default.</summary>
    public IReadOnlyList<string> Codecs { get; init; } = [];

    /// <summary>
    /// True: the carrier is reached over TLS and its media must be SRTP (SDES keys, which only TLS keeps secret): our offers
    /// are RTP/SAVP, its plain RTP offers are refused (488), and its INVITEs over anything but TLS get 403.
    /// </summary>
    public bool RequireTlsAndSrtp { get; init; }

    /// <summary>True when an INVITE from <paramref name="source"/> over <paramref name="protocol"/> is this carrier's.</summary>
    public bool Trusts(IPEndPoint source, SipTransportProtocol protocol)
    {
        ArgumentNullException.ThrowIfNull(source);
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        if (protocol is SipTransportProtocol.Ws or SipTransportProtocol.Wss)
        {
            return false; // browsers, never a carrier
        }

        if (Sources.Contains(address))
        {
            return true;
        }

        // Over TCP the carrier's source port is ephemeral; over UDP it must be the configured one; TLS only for a TLS trunk.
        return address.Equals(Address) && protocol switch
        {
            SipTransportProtocol.Udp => source.Port == Port,
            SipTransportProtocol.Tcp => Transport != SipTransportProtocol.Tls,
            _ => Transport == SipTransportProtocol.Tls,
        };
    }

    /// <summary>True when <paramref name="address"/> is one of the carrier's (exempt from per-source admission limits).</summary>
    public bool Owns(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return plain.Equals(Address) || Sources.Contains(plain);
    }
}
