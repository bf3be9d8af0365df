using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.Transactions;

/// <summary>The messages the transaction layer makes itself, and where server responses go.</summary>
internal static class TransactionMessages
{
    private const int DefaultSipPort = 5060;

    /// <summary>
    /// The ACK for a non-2xx final response (RFC 3261 §17.1.1.3): the request's Request-URI, Call-ID, From,
    /// CSeq number and top Via only, To from the response, and the request's Route headers.
    /// </summary>
    public static SipRequest Ack(SipRequest invite, SipResponse response) =>
        SameHop(SipMethod.Ack, invite, response.To);

    /// <summary>
    /// The CANCEL for an INVITE (RFC 3261 §9.1): the same Request-URI, Call-ID, To, From, CSeq number and top
    /// Via, and the INVITE's Route headers.
    /// </summary>
    public static SipRequest Cancel(SipRequest invite) => SameHop(SipMethod.Cancel, invite, invite.To);

    /// <summary>A response made locally for a request that got none (408 on timeout, 503 on transport error).</summary>
    public static SipResponse Local(SipRequest request, int statusCode) =>
        SipResponseBuilder.ForRequest(request, statusCode).Build();

    /// <summary>
    /// Where responses to <paramref name="inbound"/> go (RFC 3261 §18.2.2, RFC 3581 §4): back over the connection
    /// for TCP; over UDP to the source when the Via asked for rport, else to the source address at the sent-by port.
    /// </summary>
    public static SipEndPoint ResponseDestination(SipInboundMessage inbound)
    {
        var via = inbound.Message.TopVia;
        if (inbound.Source.IsReliable || via.HasRPort)
        {
            return inbound.Source;
        }

        return inbound.Source with { EndPoint = new IPEndPoint(inbound.Source.EndPoint.Address, via.Port ?? DefaultSipPort) };
    }

    private static SipRequest SameHop(SipMethod method, SipRequest invite, Syntax.Headers.SipNameAddress to)
    {
        var builder = SipRequestBuilder.Create(method, invite.RequestUri, invite.TopVia, invite.From, to, invite.CallId, invite.CSeq.Number,
            invite.MaxForwards ?? SipRequestBuilder.DefaultMaxForwards);
        foreach (var route in invite.Routes)
        {
            builder.AddRoute(route);
        }

        return builder.Build();
    }
}
