using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// The unit a guesser is counted by: an IPv4 address (IPv4-mapped IPv6 read as IPv4), or an IPv6 address's /64, since a
/// subscriber is given a whole /64 and can rotate through it. Shared by the SIP limiter and the web sign-in throttle.
/// </summary>
public static class SourceNetwork
{
    /// <summary><c>192.0.2.7</c>, or <c>2001:db8:1:2::/64</c> for any address of that /64.</summary>
    public static string Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
    }
}
