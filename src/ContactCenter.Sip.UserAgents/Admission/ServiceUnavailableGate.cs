using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Core;

namespace ContactCenter.Sip.UserAgents.Admission;

/// <summary>
/// A gate in front of the session layer's handler of requests outside dialogs: a new INVITE the gate turns away is
/// answered <c>503 Service Unavailable</c> with <c>Retry-After</c> (RFC 3261 §21.5.4, §20.33) at once, before anything
/// is spent on it; everything else passes through to <paramref name="inner"/> unchanged. Admission control and the
/// host's drain are such gates.
/// </summary>
public abstract class ServiceUnavailableGate(ISessionRequestHandler inner) : ISessionRequestHandler
{
    /// <inheritdoc />
    public IReadOnlyCollection<string> Methods => inner.Methods;

    /// <inheritdoc />
    public IReadOnlyCollection<string> OptionTags => inner.OptionTags;

    /// <inheritdoc />
    public async ValueTask OnRequestAsync(SipServerTransaction transaction, SipInboundMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Message is SipRequest { Method: var method } sip && method == SipMethod.Invite && RefuseFor(request) is { } retryAfter)
        {
            var refusal = SipResponseBuilder.ForRequest(sip, SipStatusCodes.ServiceUnavailable, toTag: SipIds.NewTag())
                .SetHeader(SipHeaderKind.RetryAfter, ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
                .Build();
            await transaction.SendResponseAsync(refusal, cancellationToken).ConfigureAwait(false);
            return;
        }

        await inner.OnRequestAsync(transaction, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipInboundMessage ack, CancellationToken cancellationToken) => inner.OnAckAsync(ack, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnStrayResponseAsync(SipInboundMessage response, CancellationToken cancellationToken) =>
        inner.OnStrayResponseAsync(response, cancellationToken);

    /// <inheritdoc />
    public ValueTask OnCancelAsync(SipServerTransaction inviteTransaction, SipInboundMessage cancel, CancellationToken cancellationToken) =>
        inner.OnCancelAsync(inviteTransaction, cancel, cancellationToken);

    /// <inheritdoc />
    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionError reason) =>
        inner.OnServerTransactionFailed(transaction, reason);

    /// <summary>For a new INVITE: how long the caller should wait before trying again if it is turned away, or null to let it in.</summary>
    protected abstract TimeSpan? RefuseFor(SipInboundMessage invite);
}
