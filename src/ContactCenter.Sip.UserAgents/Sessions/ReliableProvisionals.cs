using System.Globalization;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// RFC 3262 on our side as the INVITE's UAS, for a caller that requires it (Require: 100rel): each provisional response
/// goes reliably (Require: 100rel, an RSeq that starts at random and grows by one), is retransmitted at T1, 2T1, 4T1...
/// until its PRACK arrives (at most 64*T1), and the next one waits for that PRACK (§3). The PRACK is matched by its RAck
/// (RSeq, CSeq number and method of the INVITE) and answered 200; one that matches nothing gets 481.
/// </summary>
/// <param name="dialogs">Sends the responses within the dialog.</param>
/// <param name="invite">The INVITE's server transaction.</param>
/// <param name="time">Drives the retransmissions.</param>
/// <param name="t1">RFC 3261's T1: the first retransmission interval.</param>
public sealed class ReliableProvisionals(DialogManager dialogs, SipServerTransaction invite, TimeProvider time, TimeSpan t1)
{
    /// <summary>The option tag of reliable provisional responses.</summary>
    public const string OptionTag = "100rel";

    private readonly Lock _gate = new();
    private uint _rseq = (uint)Random.Shared.Next(1, int.MaxValue / 2);
    private Pending? _pending;

    /// <summary>Whether <paramref name="invite"/>'s caller requires reliable provisional responses.</summary>
    public static bool AreRequired(SipRequest invite) =>
        invite.TryGetTokens(SipHeaderKind.Require, out var required) && required.Contains(OptionTag, StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends <paramref name="status"/> (with <paramref name="media"/> when given) reliably, once the previous one was acknowledged.</summary>
    public async Task<bool> SendAsync(SipDialog dialog, int status, SdpSession? media)
    {
        await WaitAcknowledgedAsync(withMediaOnly: false).ConfigureAwait(false);
        Pending pending;
        lock (_gate)
        {
            var rseq = ++_rseq;
            var response = dialog.CreateResponse(invite.Request, status, b =>
            {
                b.AddHeader(SipHeaderKind.Require, OptionTag).AddHeader(SipHeaderKind.RSeq, rseq.ToString(CultureInfo.InvariantCulture));
                if (media is not null)
                {
                    b.SetBody(SdpWriter.ToBytes(media), SessionRequests.SdpContentType);
                }
            });
            pending = _pending = new Pending(this, dialog, response, rseq, media is not null);
        }

        var sent = await dialogs.SendResponseAsync(dialog, invite, pending.Response, CancellationToken.None).ConfigureAwait(false);
        pending.Arm(t1);
        return sent;
    }

    /// <summary>
    /// Waits until the last reliable provisional response was acknowledged or given up on (64*T1); with
    /// <paramref name="withMediaOnly"/> only when it carried a session description (a 2xx must wait for that one, §3).
    /// </summary>
    public Task WaitAcknowledgedAsync(bool withMediaOnly)
    {
        lock (_gate)
        {
            return _pending is { } pending && (!withMediaOnly || pending.HasMedia) ? pending.Acknowledged.Task : Task.CompletedTask;
        }
    }

    /// <summary>A PRACK (RFC 3262 §3, §7.2): true when its RAck acknowledges the pending reliable provisional response.</summary>
    public bool OnPrack(SipRequest prack)
    {
        ArgumentNullException.ThrowIfNull(prack);
        if (!prack.Headers.TryGetFirst(SipHeaderKind.RAck, out var header))
        {
            return false;
        }

        var parts = header.GetValueString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Pending? pending;
        lock (_gate)
        {
            pending = _pending;
            if (pending is null || parts.Length != 3
                || !uint.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rseq) || rseq != pending.RSeq
                || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var cseq) || cseq != invite.Request.CSeq.Number
                || !string.Equals(parts[2], invite.Request.Method.Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        pending.Settle();
        return true;
    }

    /// <summary>Stops retransmitting (the INVITE got its final response).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _pending?.Settle();
        }
    }

    private sealed class Pending(ReliableProvisionals owner, SipDialog dialog, SipResponse response, uint rseq, bool hasMedia)
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private TimeSpan _interval;
        private TimeSpan _elapsed;

        public SipResponse Response { get; } = response;

        public uint RSeq { get; } = rseq;

        public bool HasMedia { get; } = hasMedia;

        public TaskCompletionSource Acknowledged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Arm(TimeSpan t1)
        {
            lock (_gate)
            {
                if (Acknowledged.Task.IsCompleted)
                {
                    return;
                }

                _interval = t1;
                _timer = owner.Time.CreateTimer(static s => ((Pending)s!).OnTimer(), this, t1, Timeout.InfiniteTimeSpan);
            }
        }

        public void Settle()
        {
            lock (_gate)
            {
                _timer?.Dispose();
                _timer = null;
            }

            Acknowledged.TrySetResult();
        }

        private void OnTimer()
        {
            lock (_gate)
            {
                if (_timer is null)
                {
                    return;
                }

                _elapsed += _interval;
                if (_elapsed >= owner.T1 * 64)
                {
                    // RFC 3262 §3: no PRACK after 64*T1; the call goes on without it.
                    _timer.Dispose();
                    _timer = null;
                    Acknowledged.TrySetResult();
                    return;
                }

                // Doubling each time, the last wait cut short so the giving up falls at 64*T1.
                _interval = TimeSpan.FromTicks(Math.Min((_interval * 2).Ticks, (owner.T1 * 64 - _elapsed).Ticks));
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }

            _ = owner.Dialogs.SendResponseAsync(dialog, owner.Invite, Response, CancellationToken.None).AsTask();
        }
    }

    private TimeProvider Time => time;

    private TimeSpan T1 => t1;

    private DialogManager Dialogs => dialogs;

    private SipServerTransaction Invite => invite;
}
