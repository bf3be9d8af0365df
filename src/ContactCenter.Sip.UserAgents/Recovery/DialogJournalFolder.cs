using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// The dialog journal on local disk (issue #15): one entry per confirmed dialog (<see cref="DialogSnapshot"/> as JSON) in
/// a <see cref="RunJournal"/>, deleted when the dialog ends. <see cref="EndOrphansAsync"/> sends a BYE in each dialog
/// earlier runs left open: the phones and the carrier of calls a crash cut off hang up instead of staying in a dead call.
/// </summary>
/// <remarks>
/// A phone on TCP or TLS that the BYE cannot reach (its connection died with the last run, and it does not listen for a
/// new one) gets it when it registers again within <paramref name="reconnectWindow"/>, through <paramref name="retry"/>.
/// </remarks>
public sealed partial class DialogJournalFolder(RunJournal journal, ILogger<DialogJournalFolder> logger, OrphanByeRetry? retry = null,
    TimeSpan reconnectWindow = default) : IDialogJournal
{
    /// <summary>Dialogs earlier runs left open and not ended yet.</summary>
    public int Orphans => journal.Orphans.Count;

    /// <inheritdoc />
    public void Confirmed(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        journal.Write(dialog.JournalKey ??= KeyOf(dialog.Id), JsonSerializer.SerializeToUtf8Bytes(DialogSnapshot.Of(dialog)));
    }

    /// <inheritdoc />
    public void Ended(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (dialog.JournalKey is { } key)
        {
            journal.Delete(key); // made when it was written; a dialog never confirmed has no entry
        }
    }

    /// <summary>
    /// Ends every dialog earlier runs left open: each is restored in <paramref name="dialogs"/> and sent BYE (together;
    /// each waits for its answer up to the transaction's timeout), then its entry is deleted. An unreadable entry is
    /// logged and removed. Returns how many dialogs were found.
    /// </summary>
    public async Task<int> EndOrphansAsync(DialogManager dialogs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var orphans = journal.Orphans;
        await Task.WhenAll(orphans.Select(o => EndAsync(dialogs, o, cancellationToken))).ConfigureAwait(false);
        return orphans.Count;
    }

    private async Task EndAsync(DialogManager dialogs, JournalEntry orphan, CancellationToken cancellationToken)
    {
        DialogSnapshot? snapshot = null;
        try
        {
            snapshot = JsonSerializer.Deserialize<DialogSnapshot>(orphan.Content)
                ?? throw new JsonException("an empty entry");
            var dialog = dialogs.Restore(snapshot);
            var bye = await dialogs.SendByeAsync(dialog, cancellationToken).ConfigureAwait(false);
            var status = (await bye.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false)).Response.StatusCode;
            LogOrphanEnded(logger, snapshot.CallId, snapshot.RemoteTarget, status);
            if ((snapshot.Transport is SipTransportProtocol.Tcp or SipTransportProtocol.Tls) && status is 408 or 503)
            {
                // The connection the dialog used died with the last run; the transport tried a new one to the remote target
                // (RFC 3261 §18.1.1: the first route, else the contact, with its transport). A phone behind NAT, or one that
                // does not listen (most TLS phones), cannot be reached so and stays in the call until its own session timer.
                LogStreamPhoneUnreachable(logger, snapshot.CallId, snapshot.RemoteTarget, snapshot.Transport);
                if (retry is null || reconnectWindow <= TimeSpan.Zero || !retry.Wait(snapshot, reconnectWindow))
                {
                    LogLeftToSessionTimer(logger, snapshot.CallId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return; // stopping: the entry stays for the next start
        }
#pragma warning disable CA1031 // One entry that cannot be read or sent must not keep the others open.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogOrphanFailed(logger, ex, snapshot?.CallId ?? orphan.Key);
        }

        journal.Resolve(orphan);
    }

    private static string KeyOf(SipDialogId id)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{id.CallId}\n{id.LocalTag}\n{id.RemoteTag}"), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    [LoggerMessage(EventId = 3121, Level = LogLevel.Information, Message = "Dialog {SipCallId} left open by a crash ended: BYE to {RemoteTarget} answered {StatusCode}")]
    private static partial void LogOrphanEnded(ILogger logger, string sipCallId, string remoteTarget, int statusCode);

    [LoggerMessage(EventId = 3123, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash: the phone at {RemoteTarget} was reached over {Transport} on a connection that died with the last run, and no new connection reached a listener there")]
    private static partial void LogStreamPhoneUnreachable(ILogger logger, string sipCallId, string remoteTarget, SipTransportProtocol transport);

    [LoggerMessage(EventId = 3128, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash: its phone ends the call by its own session timer")]
    private static partial void LogLeftToSessionTimer(ILogger logger, string sipCallId);

    [LoggerMessage(EventId = 3122, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash could not be ended")]
    private static partial void LogOrphanFailed(ILogger logger, Exception exception, string sipCallId);
}
