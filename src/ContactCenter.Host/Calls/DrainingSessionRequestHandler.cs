using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.Calls;

/// <summary>
/// The session layer's INVITE handler behind a drain gate (the smallest hook for a graceful stop): once <see cref="CallDrain"/> starts draining, a new INVITE gets 503 Service Unavailable with
/// Retry-After (RFC 3261 §21.5.4, §20.33) so the caller's proxy tries another node; everything else passes through.
/// </summary>
public sealed class DrainingSessionRequestHandler(ServerInviteSessions calls, CallDrainState state, IOptions<DrainOptions> options) : ISessionRequestHandler
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Methods => calls.Methods;

    /// <inheritdoc />
    public IReadOnlyCollection<string> OptionTags => calls.OptionTags;

    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        if (state.Draining && request.Message is SipRequest { Method: var method } sip && method == SipMethod.Invite)
        {
            var refusal = SipResponseBuilder.ForRequest(sip, SipStatusCodes.ServiceUnavailable, toTag: SipIds.NewTag())
                .SetHeader(SipHeaderKind.RetryAfter, options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Build();
            await transaction.SendResponseAsync(refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        await calls.OnRequestAsync(transaction, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => calls.OnAckAsync(ack, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) =>
        calls.OnStrayResponseAsync(response, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        calls.OnCancelAsync(inviteTransaction, cancel, cancellationToken);

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) =>
        calls.OnServerTransactionFailed(transaction, reason);
}
