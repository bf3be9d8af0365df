using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// The 2xx a UAS dialog retransmits until its ACK (RFC 3261 §13.3.1.4): at T1, doubling up to T2; after 64*T1 without an
/// ACK the manager ends the dialog with BYE. Shares its dialog's lock: the <c>...Locked</c> members are called under
/// it, and the timer callbacks take it.
/// </summary>
internal sealed class Invite2xxRetransmission(Lock gate, DialogManager owner, SipDialog dialog)
{
    private SipResponse? _response;
    private SipEndPoint? _destination;
    private ITimer? _retransmitTimer;
    private ITimer? _giveUpTimer;
    private TimeSpan _interval;

    /// <summary>True while a 2xx waits for its ACK; read under the dialog's lock.</summary>
    public bool IsAwaitingAckLocked => _response is not null;

    /// <summary>Starts retransmitting <paramref name="response"/> to <paramref name="destination"/> (replacing any earlier one).</summary>
    public void StartLocked(SipResponse response, SipEndPoint destination)
    {
        StopLocked();
        (_response, _destination, _interval) = (response, destination, owner.Timers.T1);
        _retransmitTimer = owner.Time.CreateTimer(static s => ((Invite2xxRetransmission)s!).OnRetransmitTimer(), this, _interval,
            Timeout.InfiniteTimeSpan);
        _giveUpTimer = owner.Time.CreateTimer(static s => ((Invite2xxRetransmission)s!).OnGiveUpTimer(), this, owner.Timers.T1 * 64,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>An ACK with CSeq <paramref name="sequenceNumber"/>: true (and retransmission stops) when it acknowledges our 2xx.</summary>
    public bool AcknowledgeLocked(uint sequenceNumber)
    {
        if (_response is null || _response.CSeq.Number != sequenceNumber)
        {
            return false;
        }

        StopLocked();
        return true;
    }

    /// <summary>Stops retransmitting and forgets the 2xx.</summary>
    public void StopLocked()
    {
        _retransmitTimer?.Dispose();
        _giveUpTimer?.Dispose();
        (_retransmitTimer, _giveUpTimer, _response, _destination) = (null, null, null, null);
    }

    private void OnRetransmitTimer()
    {
        SipResponse response;
        SipEndPoint destination;
        lock (gate)
        {
            if (_response is null || _retransmitTimer is null)
            {
                return;
            }

            // The interval starts at T1 and doubles up to T2.
            _interval = TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, owner.Timers.T2.Ticks));
            _retransmitTimer.Change(_interval, Timeout.InfiniteTimeSpan);
            (response, destination) = (_response, _destination!);
        }

        owner.Retransmit2xx(dialog, response, destination);
    }

    private void OnGiveUpTimer()
    {
        lock (gate)
        {
            if (_response is null)
            {
                return;
            }

            StopLocked();
        }

        owner.OnAckTimeout(dialog);
    }
}
