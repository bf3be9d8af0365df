using System.Globalization;
using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// What matches a request to a server transaction (RFC 3261 §17.2.3): the top Via branch and sent-by and the
/// method, with ACK counted as INVITE. Requests without the magic cookie (RFC 2543) are keyed by Call-ID,
/// CSeq number, From tag and top Via instead.
/// </summary>
internal readonly record struct ServerTransactionKey(string Branch, string SentBy, string Method)
{
    private const int DefaultSipPort = 5060;

    public static ServerTransactionKey For(SipRequest request) =>
        For(request, request.Method == SipMethod.Ack ? SipMethod.Invite : request.Method);

    /// <summary>The key of a request with <paramref name="method"/> in place of its own (CANCEL looks for its INVITE).</summary>
    public static ServerTransactionKey For(SipRequest request, SipMethod method)
    {
        var via = request.TopVia;
        var sentBy = via.Host.ToLowerInvariant() + ":" + (via.Port ?? DefaultSipPort).ToString(CultureInfo.InvariantCulture);
        var branch = via.HasRfc3261Branch
            ? via.Branch!
            : string.Join('|', "rfc2543", request.CallId, request.CSeq.Number.ToString(CultureInfo.InvariantCulture), request.From.Tag, via.Branch);
        return new ServerTransactionKey(branch, sentBy, method.Name);
    }
}
