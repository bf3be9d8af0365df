using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transactions;

/// <summary>What matches a response to a client transaction (RFC 3261 §17.1.3): top Via branch and CSeq method.</summary>
internal readonly record struct ClientTransactionKey(string Branch, string Method)
{
    public static ClientTransactionKey For(SipMessage message) =>
        new(message.TopVia.Branch ?? string.Empty, message.CSeq.Method.Name);
}
