namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The session timer agreed for one leg (RFC 4028): the session interval and whether we are its refresher.</summary>
public sealed record SessionTerms(TimeSpan Interval, bool WeRefresh)
{
    /// <summary>
    /// When the side that does not refresh gives up: before the interval ends by a third of it or 32 s, whichever
    /// is less (RFC 4028 §10).
    /// </summary>
    public TimeSpan ExpiresAfter => Interval - TimeSpan.FromSeconds(Math.Min(32, Interval.TotalSeconds / 3));

    /// <summary>When the refresher refreshes: half the interval (RFC 4028 §7.4, §9).</summary>
    public TimeSpan RefreshAfter => Interval / 2;
}
