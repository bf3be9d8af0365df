using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Recovery;

namespace ContactCenter.Host.Calls.Recovery;

/// <summary>
/// Ends what a crash left open (issue #15), once at start, after the SIP transport listens: a BYE in every dialog an
/// earlier run journaled and never ended (both parties' phones, the carrier), and a <c>CallEnded</c> for every call it
/// never closed. The dialog journal is attached to the dialog layer when this service is made - before any hosted service
/// starts, so before the first INVITE - and this run's entries never mix with earlier runs'.
/// </summary>
public sealed partial class CrashRecovery : IHostedService, IDisposable
{
    private readonly DialogManager _dialogs;
    private readonly DialogJournalFolder _dialogJournal;
    private readonly OpenCallsJournal _calls;
    private readonly ILogger<CrashRecovery> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _recovery = Task.CompletedTask;

    /// <summary>Attaches <paramref name="dialogJournal"/> to <paramref name="dialogs"/>.</summary>
    public CrashRecovery(DialogManager dialogs, DialogJournalFolder dialogJournal, OpenCallsJournal calls, ILogger<CrashRecovery> logger)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        (_dialogs, _dialogJournal, _calls, _logger) = (dialogs, dialogJournal, calls, logger);
        dialogs.UseJournal(dialogJournal);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var calls = _calls.EndOrphans();
        if (calls.Count > 0)
        {
            LogCallsClosed(_logger, calls.Count);
        }

        // The BYEs wait for their answers (up to 32 s each over UDP): in the background, so start-up is not held.
        _recovery = EndDialogsAsync();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _recovery.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private async Task EndDialogsAsync()
    {
        await Task.Yield();
        var dialogs = await _dialogJournal.EndOrphansAsync(_dialogs, _stopping.Token).ConfigureAwait(false);
        if (dialogs > 0)
        {
            LogDialogsEnded(_logger, dialogs);
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Crash recovery: {Count} call(s) open when the engine last stopped closed in the call log")]
    private static partial void LogCallsClosed(ILogger logger, int count);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Crash recovery: BYE sent in {Count} dialog(s) left open by the last run")]
    private static partial void LogDialogsEnded(ILogger logger, int count);
}
