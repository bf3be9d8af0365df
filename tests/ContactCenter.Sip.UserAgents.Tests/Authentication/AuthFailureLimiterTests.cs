using System.Net;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class AuthFailureLimiterTests : IDisposable
{
    private static readonly IPAddress Source = IPAddress.Parse("203.0.113.5");
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void RecordFailure_TenthFailureInWindow_Blocks()
    {
        var blockedAt = Enumerable.Range(1, 10).Select(_ => _h.Limiter.RecordFailure(Source)).ToList();

        Assert.Equal(9, blockedAt.Count(b => !b));
        Assert.True(blockedAt[^1]);
        Assert.True(_h.Limiter.IsBlocked(Source));
    }

    [Fact]
    public void RecordFailure_FailuresSpreadBeyondWindow_DoesNotBlock()
    {
        for (var i = 0; i < 20; i++)
        {
            _h.Limiter.RecordFailure(Source);
            _h.Time.Advance(TimeSpan.FromSeconds(7));
        }

        Assert.False(_h.Limiter.IsBlocked(Source));
    }

    [Fact]
    public void IsBlocked_AfterBlockFor_Unblocks()
    {
        for (var i = 0; i < 10; i++)
        {
            _h.Limiter.RecordFailure(Source);
        }

        _h.Time.Advance(TimeSpan.FromSeconds(299));
        var stillBlocked = _h.Limiter.IsBlocked(Source);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(stillBlocked);
        Assert.False(_h.Limiter.IsBlocked(Source));
    }
}
