using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>Request-URI, Route headers and next hop of a request within a dialog (RFC 3261 §12.2.1.1, §8.1.2).</summary>
internal static class DialogRouting
{
    private const int SipPort = 5060;
    private const int SipsPort = 5061;

    /// <summary>
    /// RFC 3261 §12.2.1.1: with an empty route set, or a first route with <c>lr</c> (loose), the Request-URI is the
    /// remote target and every route becomes a Route header. Otherwise (strict) the Request-URI is the first route,
    /// the rest follow as Route headers and the remote target goes last.
    /// </summary>
    public static (SipUri RequestUri, IReadOnlyList<SipNameAddress> Routes) Route(SipUri remoteTarget, IReadOnlyList<SipNameAddress> routeSet)
    {
        if (routeSet.Count == 0)
        {
            return (remoteTarget.WithoutHeaders(), []);
        }

        if (routeSet[0].Uri.IsLooseRouter)
        {
            return (remoteTarget.WithoutHeaders(), routeSet);
        }

        // Strict router (RFC 2543): the Request-URI carries the next hop, and the real target rides at the bottom of Route.
        return (routeSet[0].Uri.WithoutHeaders(), [.. routeSet.Skip(1), SipNameAddress.Create(remoteTarget)]);
    }

    /// <summary>
    /// Where to send a request with this route set (RFC 3261 §8.1.2: the first route, else the remote target). An
    /// IP literal (or maddr) is used with its port, default 5060 (5061 for sips), and its <c>transport</c> parameter,
    /// else the protocol of <paramref name="flow"/>. A host name is not resolved (no RFC 3263 here): the request goes
    /// over <paramref name="flow"/>, where the dialog was set up.
    /// </summary>
    public static SipEndPoint NextHop(SipUri remoteTarget, IReadOnlyList<SipNameAddress> routeSet, SipEndPoint flow)
    {
        var uri = routeSet.Count > 0 ? routeSet[0].Uri : remoteTarget;
        var host = uri.MAddr ?? uri.Host;
        if (host is null || !IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return flow;
        }

        // RFC 5630 §3.1.3: a sips URI over TCP (or without a transport) means TLS.
        var protocol = SipEndPoint.ParseTransport(uri.Transport) switch
        {
            SipTransportProtocol.Tcp when uri.IsSecure => SipTransportProtocol.Tls,
            { } named => named,
            null => uri.IsSecure ? SipTransportProtocol.Tls : flow.Protocol,
        };
        return new SipEndPoint(protocol, new IPEndPoint(address, uri.Port ?? (uri.IsSecure ? SipsPort : SipPort)));
    }
}
