using System.Text;
using ContactCenter.Sessions;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// A leg's dialog as the session layer serves it: a REFER (RFC 3515) is answered here and told to the engine as a
/// transfer request in call terms (blind, or attended with the leg its Replaces names, RFC 3891), and the transfer's
/// progress goes back to the referrer as NOTIFYs carrying a message/sipfrag status line (100 Trying when accepted,
/// then the final result ending the implicit subscription). Other requests go to <see cref="Inner"/> (the leg's
/// <see cref="EstablishedLeg"/>: re-offers, BYE, the session timer).
/// </summary>
public sealed class LegDialogHandler : IDialogRequestHandler
{
    private const string SipFrag = "message/sipfrag;version=2.0";

    private readonly DialogManager _dialogs;
    private readonly ILegSession _leg;
    private readonly Func<ILegEvents?> _events;
    private readonly LegDirectory _directory;
    private readonly Action? _terminated;
    private readonly Func<SipRequest, bool>? _prack;
    private readonly Lock _gate = new();
    private TaskCompletionSource<bool>? _subscription;
    private SipDialog? _referrer;

    /// <summary>
    /// Serves <paramref name="leg"/>'s dialog, telling its transfer requests to the sink <paramref name="events"/> returns;
    /// a PRACK (RFC 3262) goes to <paramref name="prack"/> (200 when it acknowledges, else 481).
    /// </summary>
    public LegDialogHandler(DialogManager dialogs, ILegSession leg, Func<ILegEvents?> events, IDialogRequestHandler inner, LegDirectory directory,
        Action? terminated = null, Func<SipRequest, bool>? prack = null)
    {
        (_dialogs, _leg, _events, Inner, _directory, _terminated, _prack) = (dialogs, leg, events, inner, directory, terminated, prack);
    }

    /// <summary>The handler for the requests not served here.</summary>
    public IDialogRequestHandler Inner { get; }

    /// <inheritdoc />
    public async ValueTask<bool> OnRequestAsync(SipDialog dialog, SipServerTransaction transaction, SipInboundMessage request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Message is SipRequest { Method: var method } refer && method == SipMethod.Refer)
        {
            await ReferAsync(dialog, transaction, refer).ConfigureAwait(false);
            return true;
        }

        if (request.Message is SipRequest { Method: var prackMethod } prack && prackMethod == SipMethod.Prack)
        {
            var acknowledged = _prack?.Invoke(prack) ?? false;
            await RespondAsync(dialog, transaction, prack, acknowledged ? SipStatusCodes.OK : SipStatusCodes.CallOrTransactionDoesNotExist, null)
                .ConfigureAwait(false);
            return true;
        }

        return await Inner.OnRequestAsync(dialog, transaction, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask OnAckAsync(SipDialog dialog, SipInboundMessage ack, CancellationToken cancellationToken) => Inner.OnAckAsync(dialog, ack, cancellationToken);

    /// <inheritdoc />
    public void OnTerminated(SipDialog dialog, DialogTerminationReason reason)
    {
        _terminated?.Invoke();
        Inner.OnTerminated(dialog, reason);
    }

    /// <summary>
    /// Tells the referrer how the transfer it asked for is going (after our 202 and NOTIFY 100): ringing as 180, success
    /// as 200 and failure as 503, both final. Nothing when no REFER was accepted or the referrer is gone.
    /// </summary>
    public async ValueTask ReportAsync(TransferProgress progress)
    {
        TaskCompletionSource<bool>? subscription;
        SipDialog? referrer;
        lock (_gate)
        {
            (subscription, referrer) = (_subscription, _referrer);
        }

        if (subscription is null || referrer is null || !await subscription.Task.ConfigureAwait(false))
        {
            return;
        }

        var (status, phrase, final) = progress switch
        {
            TransferProgress.Trying => (SipStatusCodes.Trying, "Trying", false),
            TransferProgress.Ringing => (SipStatusCodes.Ringing, "Ringing", false),
            TransferProgress.Succeeded => (SipStatusCodes.OK, "OK", true),
            _ => (SipStatusCodes.ServiceUnavailable, "Service Unavailable", true),
        };
        await NotifyAsync(referrer, status, phrase, final).ConfigureAwait(false);
    }

    private async Task ReferAsync(SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        if (!request.TryGetReferTo(out var referTo) || referTo.Uri.User is not { Length: > 0 } target)
        {
            await RespondAsync(dialog, transaction, request, SipStatusCodes.BadRequest, "Bad Refer-To").ConfigureAwait(false);
            return;
        }

        ILegSession? replaces = null;
        if (referTo.Uri.Headers.GetValueOrDefault("Replaces") is { } header && (replaces = Resolve(Uri.UnescapeDataString(header))) is null)
        {
            await RespondAsync(dialog, transaction, request, SipStatusCodes.CallOrTransactionDoesNotExist, "No Such Consultation Call").ConfigureAwait(false);
            return;
        }

        var subscription = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            (_subscription, _referrer) = (subscription, dialog);
        }

        var transfer = new LegTransferRequest(LegTarget.Extension(target)) { Replaces = replaces };
        if (_events() is not { } events || !await events.OnTransferRequestedAsync(_leg, transfer).ConfigureAwait(false))
        {
            subscription.TrySetResult(false);
            await RespondAsync(dialog, transaction, request, replaces is null ? SipStatusCodes.Forbidden : SipStatusCodes.CallOrTransactionDoesNotExist,
                replaces is null ? "Transfer Not Allowed" : "No Such Consultation Call").ConfigureAwait(false);
            return;
        }

        await RespondAsync(dialog, transaction, request, SipStatusCodes.Accepted, null).ConfigureAwait(false);
        await NotifyAsync(dialog, SipStatusCodes.Trying, "Trying", final: false).ConfigureAwait(false);
        subscription.TrySetResult(true);
    }

    /// <summary>The leg a Replaces value (<c>call-id;to-tag=...;from-tag=...</c>) names: the dialog with that Call-ID whose caller's tag is the from-tag.</summary>
    private ILegSession? Resolve(string replaces)
    {
        var parts = replaces.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var fromTag = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Equals("from-tag", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1]).FirstOrDefault();
        return parts.Length == 0 || fromTag is null ? null : _directory.Find(parts[0], fromTag);
    }

    private static ValueTask<bool> RespondAsync(SipDialog dialog, SipServerTransaction transaction, SipRequest request, int status, string? reason) =>
        transaction.SendResponseAsync(dialog.CreateResponse(request, status, b =>
        {
            if (reason is not null)
            {
                b.SetStatus(status, reason);
            }
        }), CancellationToken.None);

    private async Task NotifyAsync(SipDialog dialog, int status, string phrase, bool final)
    {
        if (dialog.State != SipDialogState.Confirmed)
        {
            return;
        }

        try
        {
            // RFC 3515 §2.4.5: one NOTIFY per progress step; the last ends the implicit subscription.
            await _dialogs.SendRequestAsync(dialog, SipMethod.Notify, b => b
                .AddHeader(SipHeaderKind.Event, "refer")
                .AddHeader(SipHeaderKind.SubscriptionState, final ? "terminated;reason=noresource" : "active;expires=60")
                .SetBody(Encoding.ASCII.GetBytes($"SIP/2.0 {status} {phrase}\r\n"), SipFrag), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The referrer hung up already: nobody to tell.
        }
    }
}
