using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// The session timer of one leg (RFC 4028): when we are the refresher, a refresh at half the interval (the SIP
/// side is <see cref="SessionRefresh"/>); when the peer is, the session expires unless a refresh arrives in time
/// (§10). Every answered refresh, ours or theirs, starts the interval again (<see cref="Restart"/>). Expiry, or a
/// refresh of ours not answered before the session would expire, calls <c>expired</c> (which ends the call).
/// </summary>
public sealed class LegSessionTimer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly object _leg;
    private readonly Func<SessionTerms, Task<SessionRefreshResult>> _refresh;
    private readonly Action<string> _expired;
    private ITimer? _timer;
    private SessionTerms? _terms;
    private bool _refreshDue;
    private bool _stopped;

    /// <param name="time">The clock.</param>
    /// <param name="leg">What the timer watches (the leg's dialog), for <see cref="Watches"/>.</param>
    /// <param name="peerAllowsUpdate">Whether the peer listed UPDATE in its Allow (RFC 3311).</param>
    /// <param name="refresh">Sends our refresh with the terms in force and reports its answer.</param>
    /// <param name="expired">Told why, when the session expired without a refresh.</param>
    public LegSessionTimer(TimeProvider time, object leg, bool peerAllowsUpdate, Func<SessionTerms, Task<SessionRefreshResult>> refresh, Action<string> expired)
    {
        (_time, _leg, PeerAllowsUpdate, _refresh, _expired) = (time, leg, peerAllowsUpdate, refresh, expired);
    }

    /// <summary>Whether the peer listed UPDATE in its Allow.</summary>
    public bool PeerAllowsUpdate { get; }

    /// <summary>The terms in force, or null when the leg has no session timer.</summary>
    public SessionTerms? Terms
    {
        get
        {
            lock (_gate)
            {
                return _terms;
            }
        }
    }

    /// <summary>Whether this timer watches <paramref name="leg"/>.</summary>
    public bool Watches(object leg) => ReferenceEquals(_leg, leg);

    /// <summary>Starts the interval again with <paramref name="terms"/> (after an answered refresh); null stops the timer.</summary>
    public void Restart(SessionTerms? terms)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _terms = terms;
            _timer?.Dispose();
            _timer = null;
            if (terms is null)
            {
                return;
            }

            _refreshDue = terms.WeRefresh;
            _timer = _time.CreateTimer(static s => ((LegSessionTimer)s!).OnTimer(), this,
                terms.WeRefresh ? terms.RefreshAfter : terms.ExpiresAfter, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void OnTimer()
    {
        SessionTerms? terms;
        bool refresh;
        lock (_gate)
        {
            if (_stopped || _terms is null)
            {
                return;
            }

            (terms, refresh) = (_terms, _refreshDue);
            _refreshDue = false;
            _timer?.Dispose();
            // Our refresh must be answered before the session would expire for the peer; otherwise we give up then.
            _timer = refresh
                ? _time.CreateTimer(static s => ((LegSessionTimer)s!).OnTimer(), this, terms.ExpiresAfter - terms.RefreshAfter, Timeout.InfiniteTimeSpan)
                : null;
        }

        if (!refresh)
        {
            _expired(terms.WeRefresh ? "session expired (our refresh was not answered)" : "session expired (no refresh from the other side)");
            return;
        }

        _ = RefreshAsync(terms);
    }

    private async Task RefreshAsync(SessionTerms terms)
    {
        var deadline = _time.GetUtcNow() + (terms.ExpiresAfter - terms.RefreshAfter);
        var asked = terms;
        while (true)
        {
            var result = await _refresh(asked).ConfigureAwait(false);
            if (result.Answered)
            {
                // RFC 4028 §7.2: a 2xx without Session-Expires means no session timer from now on.
                Restart(result.Terms);
                return;
            }

            TimeSpan retryAfter;
            switch (result.Status)
            {
                case SipStatusCodes.RequestTimeout or SipStatusCodes.CallOrTransactionDoesNotExist:
                    // RFC 4028 §10 (RFC 3261 §12.2.1.2): the dialog is gone; no use waiting for the deadline.
                    Expire(terms, $"session refresh answered {result.Status}");
                    return;
                case SipStatusCodes.RequestPending:
                    // Glare (RFC 3261 §14.1): the peer's own re-INVITE crossed ours; try again after 2.1 to 4 s.
                    retryAfter = TimeSpan.FromMilliseconds(Random.Shared.Next(2_100, 4_001));
                    break;
                case SipStatusCodes.SessionIntervalTooSmall when result.MinSE is { } minSe && minSe > asked.Interval.TotalSeconds
                    && minSe <= SessionTimerNegotiation.MaxInterval:
                    // RFC 4028 §7.4: ask again with the interval the peer accepts.
                    (asked, retryAfter) = (asked with { Interval = TimeSpan.FromSeconds(minSe) }, TimeSpan.Zero);
                    break;
                default:
                    // Any other refusal leaves the session as it was: the deadline armed in OnTimer ends it unless the peer refreshes.
                    return;
            }

            if (_time.GetUtcNow() + retryAfter >= deadline)
            {
                return;
            }

            await Task.Delay(retryAfter, _time).ConfigureAwait(false);
            lock (_gate)
            {
                if (_stopped || !ReferenceEquals(_terms, terms))
                {
                    return; // stopped, or the peer refreshed meanwhile
                }
            }
        }
    }

    private void Expire(SessionTerms terms, string why)
    {
        lock (_gate)
        {
            if (_stopped || !ReferenceEquals(_terms, terms))
            {
                return;
            }

            _timer?.Dispose();
            _timer = null;
            _terms = null;
        }

        _expired(why);
    }
}
