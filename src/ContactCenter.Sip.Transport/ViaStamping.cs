using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Transport;

/// <summary>The transport's Via rules: stamping received requests, checking received responses, routing answers.</summary>
internal static class ViaStamping
{
    /// <summary>
    /// Stamps the top Via of <paramref name="request"/> received from <paramref name="source"/>; returns the same
    /// instance when nothing changes. RFC 3261 §18.2.1: add <c>received</c> when the sent-by host is a name or an
    /// address other than the source. RFC 3581 §4: an empty <c>rport</c> gets the source port, and then
    /// <c>received</c> is added even when the address matches.
    /// </summary>
    public static SipRequest Stamp(SipRequest request, IPEndPoint source)
    {
        var via = request.TopVia;
        var sourceAddress = Normalize(source.Address);
        var fillRPort = via.HasRPort && via.RPort is null;
        var sameAddress = TryParseHost(via.Host, out var sentBy) && sentBy.Equals(sourceAddress);
        if (!fillRPort && sameAddress)
        {
            return request; // the common case: no string made for the source address
        }

        var received = sourceAddress.ToString();
        if (!fillRPort && string.Equals(via.Received, received, StringComparison.OrdinalIgnoreCase))
        {
            return request;
        }

        var stamped = via.WithReceived(received, fillRPort ? source.Port : null);
        return request.ToBuilder().ReplaceTopVia(stamped).Build();
    }

    /// <summary>
    /// RFC 3261 §18.1.2: true when the top Via sent-by host of a response is one we put in requests
    /// (<paramref name="ourHosts"/>, compared case-insensitively; null accepts any host, for a wildcard listener).
    /// </summary>
    public static bool IsSentByUs(SipVia via, IReadOnlySet<string>? ourHosts) =>
        ourHosts is null || ourHosts.Contains(StripBrackets(via.Host));

    /// <summary>
    /// Where a UDP answer to a request from <paramref name="source"/> goes when the transport itself answers
    /// (a malformed request): RFC 3581 §4, the source port when the Via asks for rport; otherwise RFC 3261
    /// §18.2.2, the source address and the sent-by port (5060 when absent).
    /// </summary>
    public static IPEndPoint GetUdpAnswerDestination(SipVia via, IPEndPoint source) =>
        via.HasRPort ? source : new IPEndPoint(source.Address, via.Port ?? 5060);

    /// <summary>Maps IPv4-mapped IPv6 addresses to IPv4 so that end points compare equal.</summary>
    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The end point with a normalised address.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    /// <summary>The host without IPv6 reference brackets.</summary>
    public static string StripBrackets(string host) =>
        host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;

    private static bool TryParseHost(string host, out IPAddress address)
    {
        if (IPAddress.TryParse(StripBrackets(host), out var parsed))
        {
            address = Normalize(parsed);
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
