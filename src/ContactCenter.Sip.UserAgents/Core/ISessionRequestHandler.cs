using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Core;

/// <summary>
/// Where dialog-creating and in-dialog requests go once a call engine is composed in (INVITE, BYE,
/// re-INVITE, UPDATE, REFER, INFO, NOTIFY, and the ACK/CANCEL that belong to them). Without one, the
/// core answers 405 with the methods it does allow.
/// </summary>
public interface ISessionRequestHandler
{
    /// <summary>The methods this handler takes (e.g. INVITE, ACK, BYE, CANCEL, UPDATE, REFER, INFO, NOTIFY).</summary>
    IReadOnlyCollection<string> Methods { get; }

    /// <summary>The option tags (RFC 3261 §19.2) this handler supports besides the core's, e.g. <c>timer</c> (RFC 4028).</summary>
    IReadOnlyCollection<string> OptionTags { get; }

    /// <inheritdoc cref="ISipRequestHandler.OnRequestAsync"/>
    ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken);

    /// <inheritdoc cref="ISipRequestHandler.OnAckAsync"/>
    ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken);

    /// <inheritdoc cref="ISipRequestHandler.OnStrayResponseAsync"/>
    ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken);

    /// <inheritdoc cref="ISipRequestHandler.OnCancelAsync"/>
    ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken);

    /// <inheritdoc cref="ISipRequestHandler.OnServerTransactionFailed"/>
    void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason);
}
