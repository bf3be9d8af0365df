using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Sdp;

/// <summary>The <c>c=</c> line (RFC 4566 §5.7): where media is to be sent.</summary>
/// <param name="NetworkType">Normally <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">An IP address or a host name.</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>The multicast TTL (IPv4 multicast only).</summary>
    public int? Ttl { get; init; }

    /// <summary>The number of consecutive multicast addresses, when given.</summary>
    public int? AddressCount { get; init; }

    /// <summary>
    /// Whether the address is the unspecified address (<c>0.0.0.0</c> or <c>::</c>), which RFC 2543
    /// peers use to put a call on hold (RFC 3264 §8.4).
    /// </summary>
    public bool IsUnspecified =>
        IPAddress.TryParse(Address, out IPAddress? ip) &&
        (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    /// <summary>Creates an <c>IN IP4</c> or <c>IN IP6</c> connection for <paramref name="address"/>.</summary>
    public static SdpConnection FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", AddressTypeOf(address), address.ToString());
    }

    /// <summary>The SDP address type (<c>IP4</c>/<c>IP6</c>) of <paramref name="address"/>.</summary>
    public static string AddressTypeOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
    }

    /// <summary>The address as an <see cref="IPAddress"/>; false when it is a host name.</summary>
    public bool TryGetIPAddress([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(Address, out address);
}
