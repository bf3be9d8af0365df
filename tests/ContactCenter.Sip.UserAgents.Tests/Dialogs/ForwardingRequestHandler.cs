using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>Lets the transaction layer be built before the TU that needs it (as the DI's deferred handler does).</summary>
internal sealed class ForwardingRequestHandler : ISipRequestHandler
{
    public ISipRequestHandler? Target { get; set; }

    private ISipRequestHandler Tu => Target ?? throw new InvalidOperationException("No TU yet.");

    public ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken) =>
        Tu.OnRequestAsync(transaction, request, cancellationToken);

    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => Tu.OnAckAsync(ack, cancellationToken);

    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) =>
        Tu.OnStrayResponseAsync(response, cancellationToken);

    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        Tu.OnCancelAsync(inviteTransaction, cancel, cancellationToken);

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) =>
        Tu.OnServerTransactionFailed(transaction, reason);
}
