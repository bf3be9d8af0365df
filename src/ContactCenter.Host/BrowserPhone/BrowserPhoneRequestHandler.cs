using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// In front of the user-agent core: a REGISTER that arrives over a browser phone's WebSocket goes to the browser registrar
/// (short-lived browser passwords only, and only for the extension signed in on that connection); every other request,
/// and anything over UDP/TCP/TLS, goes on to the core unchanged.
/// </summary>
public sealed class BrowserPhoneRequestHandler(UserAgentCore core, BrowserRegistrar registrar, BrowserPhoneConnections connections) : ISipRequestHandler
{
    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Source.Protocol is not (SipTransportProtocol.Ws or SipTransportProtocol.Wss) || request.Message is not SipRequest { Method.Name: "REGISTER" } register)
        {
            await core.OnRequestAsync(transaction, request, cancellationToken);
            return;
        }

        var extension = connections.ExtensionOf(request.Source);
        if (extension is null || register.To.Uri.User != extension)
        {
            // A signed-in user's WebSocket registers that user's extension and no other.
            await transaction.SendResponseAsync(SipResponseBuilder.ForRequest(register, SipStatusCodes.Forbidden, toTag: SipIds.NewTag()).Build(), cancellationToken);
            return;
        }

        var source = new SipEndPointInfo(request.Source.ViaTransport, request.Source.EndPoint.Address, request.Source.EndPoint.Port);
        if (await registrar.Registrar.HandleAsync(register, source, cancellationToken) is { } answer)
        {
            await transaction.SendResponseAsync(answer, cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => core.OnAckAsync(ack, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) => core.OnStrayResponseAsync(response, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        core.OnCancelAsync(inviteTransaction, cancel, cancellationToken);

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) => core.OnServerTransactionFailed(transaction, reason);
}
