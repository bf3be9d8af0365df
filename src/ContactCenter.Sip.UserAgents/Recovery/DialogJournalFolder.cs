using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContactCenter.Sip.UserAgents.Dialogs;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// The dialog journal on local disk (issue #15): one entry per confirmed dialog (<see cref="DialogSnapshot"/> as JSON) in
/// a <see cref="RunJournal"/>, deleted when the dialog ends. <see cref="EndOrphansAsync"/> sends a BYE in each dialog
/// earlier runs left open: the phones and the carrier of calls a crash cut off hang up instead of staying in a dead call.
/// </summary>
public sealed partial class DialogJournalFolder(RunJournal journal, ILogger<DialogJournalFolder> logger) : IDialogJournal
{
    /// <summary>Dialogs earlier runs left open and not ended yet.</summary>
    public int Orphans => journal.Orphans.Count;

    /// <inheritdoc />
    public void Confirmed(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        journal.Write(KeyOf(dialog.Id), JsonSerializer.SerializeToUtf8Bytes(DialogSnapshot.Of(dialog)));
    }

    /// <inheritdoc />
    public void Ended(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        journal.Delete(KeyOf(dialog.Id));
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
            var outcome = await bye.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
            LogOrphanEnded(logger, snapshot.CallId, snapshot.RemoteTarget, outcome.Response.StatusCode);
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

    [LoggerMessage(EventId = 3122, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash could not be ended")]
    private static partial void LogOrphanFailed(ILogger logger, Exception exception, string sipCallId);
}
