using ContactCenter.Sip.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ContactCenter.Sip.Transactions;

/// <summary>
/// Resolves the TU on first use, so the TU may take <see cref="SipTransactionLayer"/> in its constructor
/// without a dependency cycle. Used only by <see cref="SipTransactionsServiceCollectionExtensions"/>.
/// </summary>
internal sealed class DeferredRequestHandler(IServiceProvider services) : ISipRequestHandler
{
    private readonly Lazy<ISipRequestHandler> _handler = new(services.GetRequiredService<ISipRequestHandler>);

    public ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken) =>
        _handler.Value.OnRequestAsync(transaction, request, cancellationToken);

    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) =>
        _handler.Value.OnAckAsync(ack, cancellationToken);

    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) =>
        _handler.Value.OnStrayResponseAsync(response, cancellationToken);

    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        _handler.Value.OnCancelAsync(inviteTransaction, cancel, cancellationToken);

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) =>
        _handler.Value.OnServerTransactionFailed(transaction, reason);
}
