using System.Text;
using ContactCenter.Contracts.Calls;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// A REFER from the answering agent's phone (RFC 3515): accepted with 202, then the implicit subscription reports
/// the transfer's progress in NOTIFYs carrying a message/sipfrag status line (100 Trying, then the final result,
/// with Subscription-State terminated).
/// </summary>
internal sealed class ReferHandling(CallServices services, Call call)
{
    private const string SipFrag = "message/sipfrag;version=2.0";

    public async Task HandleAsync(CallParty party, SipDialog dialog, SipServerTransaction transaction, SipRequest request)
    {
        if (party != CallParty.Callee)
        {
            await RespondAsync(dialog, transaction, request, SipStatusCodes.Forbidden, "Only The Answering Agent Transfers").ConfigureAwait(false);
            return;
        }

        if (!request.TryGetReferTo(out var referTo) || referTo.Uri.User is not { Length: > 0 } target)
        {
            await RespondAsync(dialog, transaction, request, SipStatusCodes.BadRequest, "Bad Refer-To").ConfigureAwait(false);
            return;
        }

        if (referTo.Uri.Headers.GetValueOrDefault("Replaces") is { } replaces)
        {
            await AttendedAsync(dialog, transaction, request, Uri.UnescapeDataString(replaces)).ConfigureAwait(false);
            return;
        }

        await RespondAsync(dialog, transaction, request, SipStatusCodes.Accepted, null).ConfigureAwait(false);
        await NotifyAsync(dialog, SipStatusCodes.Trying, "Trying", final: false).ConfigureAwait(false);
        call.StartTransfer(target, TransferKind.Blind, "REFER from the agent's phone",
            (status, phrase) => NotifyAsync(dialog, status, phrase, final: true));
    }

    /// <summary>
    /// Attended transfer: the Replaces names the agent's consultation call by its Call-ID and the agent's own tag
    /// (RFC 3891 §6.1; the to-tag is ours and is not needed to find it). It must be a call that this same agent placed
    /// and that is answered; its callee then takes the agent's place in this call.
    /// </summary>
    private async Task AttendedAsync(SipDialog dialog, SipServerTransaction transaction, SipRequest request, string replaces)
    {
        var parts = replaces.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var fromTag = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0].Equals("from-tag", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1]).FirstOrDefault();
        var consultation = parts.Length == 0 || fromTag is null ? null : call.FindByCallerDialog?.Invoke(parts[0], fromTag);
        var agent = call.AnsweringAgent;
        if (consultation is null || agent is null || !consultation.CallerIsAgent || consultation.CallerNumber != agent)
        {
            await RespondAsync(dialog, transaction, request, SipStatusCodes.CallOrTransactionDoesNotExist, "No Such Consultation Call").ConfigureAwait(false);
            return;
        }

        await RespondAsync(dialog, transaction, request, SipStatusCodes.Accepted, null).ConfigureAwait(false);
        await NotifyAsync(dialog, SipStatusCodes.Trying, "Trying", final: false).ConfigureAwait(false);
        if (!await call.CompleteAttendedTransferAsync(consultation, (status, phrase) => NotifyAsync(dialog, status, phrase, final: true)).ConfigureAwait(false))
        {
            await NotifyAsync(dialog, SipStatusCodes.ServiceUnavailable, "Transfer Failed", final: true).ConfigureAwait(false);
        }
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
            await services.Dialogs.SendRequestAsync(dialog, SipMethod.Notify, b => b
                .AddHeader(SipHeaderKind.Event, "refer")
                .AddHeader(SipHeaderKind.SubscriptionState, final ? "terminated;reason=noresource" : "active;expires=60")
                .SetBody(Encoding.ASCII.GetBytes($"SIP/2.0 {status} {phrase}\r\n"), SipFrag), CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The transferor hung up already: nobody to tell.
        }
    }
}
