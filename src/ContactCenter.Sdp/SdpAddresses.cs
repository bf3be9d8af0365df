using System.Net;
using System.Net.Sockets;

namespace ContactCenter.Sdp;

/// <summary>Checks connection addresses against their address type (RFC 4566 §5.7, §9).</summary>
internal static class SdpAddresses
{
    public static bool IsValid(string addressType, string address)
    {
        if (address.Length == 0)
        {
            return false;
        }

        if (IPAddress.TryParse(address, out IPAddress? ip))
        {
            return addressType switch
            {
                "IP4" => ip.AddressFamily == AddressFamily.InterNetwork && address.Contains('.', StringComparison.Ordinal),
                "IP6" => ip.AddressFamily == AddressFamily.InterNetworkV6,
                _ => true,
            };
        }

        // RFC 4566 §9: unicast-address also allows an FQDN (and extension addresses for other types).
        return IsHostName(address);
    }

    private static bool IsHostName(string address)
    {
        foreach (char c in address)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.')
            {
                return false;
            }
        }

        return char.IsAsciiLetterOrDigit(address[0]);
    }
}
