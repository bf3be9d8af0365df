using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.UserAgents.Sessions;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

public sealed class LegSessionTimerTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Restart_PeerRefreshes_NoRefreshInTime_ExpiresAThirdBeforeTheEnd()
    {
        var time = new FakeTimeProvider();
        string? expired = null;
        using var timer = new LegSessionTimer(time, new object(), false, _ => throw new InvalidOperationException("not the refresher"), why => expired = why);

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(90), WeRefresh: false));
        Advance(time, TimeSpan.FromSeconds(59));
        var before = expired;
        Advance(time, TimeSpan.FromSeconds(1.5));

        Assert.Null(before);
        Assert.Equal("session expired (no refresh from the other side)", expired);
    }

    [Fact]
    public void Restart_PeerRefreshesInTime_SessionGoesOn()
    {
        var time = new FakeTimeProvider();
        string? expired = null;
        using var timer = new LegSessionTimer(time, new object(), false, _ => throw new InvalidOperationException(), why => expired = why);
        var terms = new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: false);

        timer.Restart(terms);
        for (var i = 0; i < 5; i++)
        {
            Advance(time, TimeSpan.FromSeconds(900));
            timer.Restart(terms);
        }

        Assert.Null(expired);
    }

    [Fact]
    public void Restart_WeRefresh_RefreshAtHalfTheIntervalAndAgainAfterEachAnswer()
    {
        var time = new FakeTimeProvider();
        var refreshes = new List<DateTimeOffset>();
        var start = time.GetUtcNow();
        string? expired = null;
        var terms = new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true);
        using var timer = new LegSessionTimer(time, new object(), false, t =>
        {
            refreshes.Add(time.GetUtcNow());
            return Task.FromResult(new SessionRefreshResult(true, t));
        }, why => expired = why);

        timer.Restart(terms);
        Advance(time, TimeSpan.FromSeconds(2000));

        Assert.Equal([900, 1800], refreshes.Select(r => (int)Math.Round((r - start).TotalSeconds)));
        Assert.Null(expired);
    }

    [Fact]
    public void Restart_WeRefreshButNoAnswer_ExpiresWhenThePeerWould()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        DateTimeOffset? expiredAt = null;
        string? why = null;
        var unanswered = new TaskCompletionSource<SessionRefreshResult>();
        using var timer = new LegSessionTimer(time, new object(), false, _ => unanswered.Task, w => (why, expiredAt) = (w, time.GetUtcNow()));

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true));
        Advance(time, TimeSpan.FromSeconds(1800));

        Assert.Equal("session expired (our refresh was not answered)", why);
        Assert.Equal(1768, (int)Math.Round((expiredAt!.Value - start).TotalSeconds));
    }

    [Fact]
    public void Restart_AnswerWithoutSessionExpires_TimerStops()
    {
        var time = new FakeTimeProvider();
        var refreshes = 0;
        string? expired = null;
        using var timer = new LegSessionTimer(time, new object(), false, _ =>
        {
            refreshes++;
            return Task.FromResult(new SessionRefreshResult(true, null));
        }, why => expired = why);

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(90), WeRefresh: true));
        Advance(time, TimeSpan.FromSeconds(600));

        Assert.Equal(1, refreshes);
        Assert.Null(expired);
        Assert.Null(timer.Terms);
    }

    [Fact]
    public void Dispose_BeforeExpiry_NothingHappens()
    {
        var time = new FakeTimeProvider();
        string? expired = null;
        var timer = new LegSessionTimer(time, new object(), false, _ => throw new InvalidOperationException(), why => expired = why);
        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(90), WeRefresh: false));

        timer.Dispose();
        Advance(time, TimeSpan.FromSeconds(200));

        Assert.Null(expired);
    }

    [Fact]
    public void Refresh_Answered481_CallEndsAtOnceNotAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        DateTimeOffset? expiredAt = null;
        string? why = null;
        using var timer = new LegSessionTimer(time, new object(), false,
            _ => Task.FromResult(new SessionRefreshResult(false, null, SipStatusCodes.CallOrTransactionDoesNotExist)),
            w => (why, expiredAt) = (w, time.GetUtcNow()));

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true));
        Advance(time, TimeSpan.FromSeconds(1800));

        Assert.Equal("session refresh answered 481", why);
        Assert.Equal(900, (int)Math.Round((expiredAt!.Value - start).TotalSeconds));
    }

    [Fact]
    public async Task Refresh_Glare491ThenAccepted_SessionGoesOn()
    {
        var time = new FakeTimeProvider();
        var asked = 0;
        string? expired = null;
        using var timer = new LegSessionTimer(time, new object(), false, terms => Task.FromResult(++asked == 1
            ? new SessionRefreshResult(false, null, SipStatusCodes.RequestPending)
            : new SessionRefreshResult(true, terms)), why => expired = why);

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(1800), WeRefresh: true));
        Advance(time, TimeSpan.FromSeconds(900));
        for (var i = 0; i < 50 && asked < 2; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100)); // the retry waits 2.1-4 s
            await Task.Delay(1);
        }

        Advance(time, TimeSpan.FromSeconds(880));

        Assert.Equal(2, asked);
        Assert.Null(expired);
    }

    [Fact]
    public async Task Refresh_422WithALargerMinSE_AskedAgainWithIt()
    {
        var time = new FakeTimeProvider();
        var intervals = new List<double>();
        using var timer = new LegSessionTimer(time, new object(), false, terms =>
        {
            intervals.Add(terms.Interval.TotalSeconds);
            return Task.FromResult(intervals.Count == 1
                ? new SessionRefreshResult(false, null, SipStatusCodes.SessionIntervalTooSmall, MinSE: 1800)
                : new SessionRefreshResult(true, terms));
        }, _ => { });

        timer.Restart(new SessionTerms(TimeSpan.FromSeconds(900), WeRefresh: true));
        Advance(time, TimeSpan.FromSeconds(450));
        for (var i = 0; i < 50 && intervals.Count < 2; i++)
        {
            await Task.Delay(1);
        }

        Assert.Equal([900, 1800], intervals);
        Assert.Equal(TimeSpan.FromSeconds(1800), timer.Terms?.Interval);
    }

    private static void Advance(FakeTimeProvider time, TimeSpan by)
    {
        for (var done = TimeSpan.Zero; done < by; done += Step)
        {
            time.Advance(by - done < Step ? by - done : Step);
        }
    }
}
