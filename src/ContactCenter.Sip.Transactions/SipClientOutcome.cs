using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// The final outcome of a client transaction: the first final response, or a response made locally for a
/// timeout (408, RFC 3261 §17.1.1.2) or a transport error (503, §17.1.4; RFC 3261 §8.1.3.1).
/// </summary>
/// <param name="Response">The final response received, or the local 408/503.</param>
/// <param name="Error"><see cref="SipTransactionError.None"/> when <paramref name="Response"/> came from the peer.</param>
public sealed record SipClientOutcome(SipResponse Response, SipTransactionError Error)
{
    /// <summary>True when the response was made locally (no final response arrived).</summary>
    public bool IsLocal => Error != SipTransactionError.None;
}
