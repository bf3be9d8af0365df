using System.Net;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Registration;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Recovery;

/// <summary>
/// The BYEs of crash recovery that could not reach their phone (issue #15): a phone on TCP or TLS whose connection died
/// with the last run and that does not listen for a new one (most TLS phones, phones behind NAT). Each waits up to a
/// window for that phone to register again - the same extension from the same address, over a new connection - and is
/// then sent within its dialog (RFC 3261 §12.2.1.1: Call-ID, tags, CSeq, remote target) over that connection, as RFC 5626
/// §5.3 sends requests over the flow a phone registered on. Past the window the phone is left to its own session timer.
/// </summary>
public sealed partial class OrphanByeRetry : IDisposable
{
    private readonly LocationService _locations;
    private readonly DialogManager _dialogs;
    private readonly TimeProvider _time;
    private readonly ILogger<OrphanByeRetry> _logger;
    private readonly Lock _gate = new();
    private readonly List<Waiting> _waiting = [];
    private bool _listening;

    /// <summary>Retries through <paramref name="dialogs"/> when <paramref name="locations"/> takes a registration.</summary>
    public OrphanByeRetry(LocationService locations, DialogManager dialogs, TimeProvider time, ILogger<OrphanByeRetry> logger)
    {
        ArgumentNullException.ThrowIfNull(locations);
        (_locations, _dialogs, _time, _logger) = (locations, dialogs, time, logger);
    }

    /// <summary>BYEs waiting for their phone.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>
    /// Keeps the BYE of <paramref name="dialog"/> (a dialog of a dead run over TCP or TLS whose first BYE found no
    /// listener) until its phone registers again, for at most <paramref name="window"/>. False when the dialog's phone
    /// cannot be told by a registration (no extension in its remote party).
    /// </summary>
    public bool Wait(DialogSnapshot dialog, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!NameAddrParser.TryParse(System.Text.Encoding.UTF8.GetBytes(dialog.RemoteParty), out var party) || party.Uri.User is not { Length: > 0 } extension)
        {
            return false;
        }

        var waiting = new Waiting(dialog, extension, IPEndPoint.Parse(dialog.Flow));
        lock (_gate)
        {
            _waiting.Add(waiting);
            if (!_listening)
            {
                _locations.Registered += OnRegistered;
                _listening = true;
            }
        }

        waiting.Timer = _time.CreateTimer(_ => GiveUp(waiting), null, window, Timeout.InfiniteTimeSpan);

        LogWaiting(_logger, dialog.CallId, extension, window);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _locations.Registered -= OnRegistered;
            _listening = false;
            foreach (var waiting in _waiting)
            {
                waiting.Timer?.Dispose();
            }

            _waiting.Clear();
        }
    }

    private void OnRegistered(object? sender, BindingEventArgs e)
    {
        var binding = e.Binding;
        if (SipEndPoint.ParseTransport(binding.Source.Transport) is not ({ } protocol and (SipTransportProtocol.Tcp or SipTransportProtocol.Tls)))
        {
            return;
        }

        var flow = new SipEndPoint(protocol, binding.Source.EndPoint);
        List<Waiting> due;
        lock (_gate)
        {
            // The same phone: its extension, from the address its dead connection came from, on another connection.
            due = _waiting.FindAll(w => w.Extension == binding.Extension && w.DeadFlow.Address.Equals(flow.EndPoint.Address)
                && !w.DeadFlow.Equals(flow.EndPoint));
            _waiting.RemoveAll(due.Contains);
        }

        foreach (var waiting in due)
        {
            waiting.Timer?.Dispose();
            _ = SendAsync(waiting.Dialog, flow);
        }
    }

    private async Task SendAsync(DialogSnapshot snapshot, SipEndPoint flow)
    {
        try
        {
            var dialog = _dialogs.Restore(snapshot);
            var bye = await _dialogs.SendByeOverAsync(dialog, flow, CancellationToken.None).ConfigureAwait(false);
            var status = (await bye.Outcome.ConfigureAwait(false)).Response.StatusCode;
            LogSent(_logger, snapshot.CallId, snapshot.RemoteTarget, flow, status);
        }
#pragma warning disable CA1031 // a BYE that cannot be sent is logged; the phone's session timer ends the call
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(_logger, ex, snapshot.CallId);
        }
    }

    private void GiveUp(Waiting waiting)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(waiting))
            {
                return;
            }
        }

        waiting.Timer?.Dispose();
        LogGaveUp(_logger, waiting.Dialog.CallId, waiting.Extension);
    }

    [LoggerMessage(EventId = 3124, Level = LogLevel.Information, Message = "Dialog {SipCallId} left open by a crash: its BYE waits up to {Window} for {Extension} to register again")]
    private static partial void LogWaiting(ILogger logger, string sipCallId, string extension, TimeSpan window);

    [LoggerMessage(EventId = 3125, Level = LogLevel.Information, Message = "Dialog {SipCallId} left open by a crash ended: BYE to {RemoteTarget} over the connection it registered again on ({Flow}) answered {StatusCode}")]
    private static partial void LogSent(ILogger logger, string sipCallId, string remoteTarget, SipEndPoint flow, int statusCode);

    [LoggerMessage(EventId = 3126, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash: {Extension} did not register again in time; its phone ends the call by its own session timer")]
    private static partial void LogGaveUp(ILogger logger, string sipCallId, string extension);

    [LoggerMessage(EventId = 3127, Level = LogLevel.Warning, Message = "Dialog {SipCallId} left open by a crash: the BYE over the phone's new connection could not be sent")]
    private static partial void LogFailed(ILogger logger, Exception exception, string sipCallId);

    private sealed class Waiting(DialogSnapshot dialog, string extension, IPEndPoint deadFlow)
    {
        public DialogSnapshot Dialog { get; } = dialog;

        public string Extension { get; } = extension;

        public IPEndPoint DeadFlow { get; } = deadFlow;

        public ITimer? Timer { get; set; }
    }
}
