using System.Net;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class AuthFailureLimiterTests : IDisposable
{
    private static readonly IPAddress Source = IPAddress.Parse("203.0.113.5");
    private readonly RegistrarHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void RecordFailure_FifthGuessInWindow_BlocksSourceAndLogsEveryGuess()
    {
        var blockedAt = Enumerable.Range(1, 5).Select(_ => _h.Limiter.RecordFailure(Source, Guess("1001"), "REGISTER")).ToList();

        Assert.Equal([false, false, false, false, true], blockedAt);
        Assert.True(_h.Limiter.IsBlocked(Source));
        var warnings = _h.Log.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Equal(5, warnings.Count(m => m == "SIP authentication failed: address 203.0.113.5 user 1001 method REGISTER"));
        Assert.Contains("SIP authentication blocked: address 203.0.113.5 user 1001 method REGISTER for 00:05:00 after 5 failures", warnings);
    }

    [Fact]
    public void RecordFailure_ForgedOrReplayedRequests_NeverCountNorLog()
    {
        for (var i = 0; i < 100; i++)
        {
            _h.Limiter.RecordFailure(Source, new DigestVerification(DigestVerificationStatus.Failed, AttemptedUsername: "1001"), "REGISTER");
            _h.Limiter.RecordFailure(Source, new DigestVerification(DigestVerificationStatus.Malformed), "INVITE");
        }

        Assert.False(_h.Limiter.IsBlocked(Source));
        Assert.False(_h.Limiter.IsExtensionBlocked("1001", Source));
        Assert.Empty(_h.Log.Collector.GetSnapshot());
    }

    [Fact]
    public void RecordFailure_RotatingAddressesInOneIPv6Slash64_BlocksTheSlash64Only()
    {
        for (var i = 1; i <= 5; i++)
        {
            _h.Limiter.RecordFailure(IPAddress.Parse($"2001:db8:1:2::{i:x}"), Guess("user" + i), "REGISTER");
        }

        Assert.True(_h.Limiter.IsBlocked(IPAddress.Parse("2001:db8:1:2:ffff::1")));
        Assert.False(_h.Limiter.IsBlocked(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void RecordFailure_GuessesAtOneExtensionFromManyAddresses_BlockTheExtensionExceptForItsKnownPhone()
    {
        var phone = IPAddress.Parse("192.0.2.10");
        _h.Limiter.RecordSuccess(phone, "1001");

        for (var i = 1; i <= 5; i++)
        {
            _h.Limiter.RecordFailure(IPAddress.Parse($"198.51.100.{i}"), Guess("1001"), "INVITE");
        }

        Assert.True(_h.Limiter.IsExtensionBlocked("1001", IPAddress.Parse("198.51.100.77")));
        Assert.False(_h.Limiter.IsExtensionBlocked("1001", phone));
        Assert.False(_h.Limiter.IsExtensionBlocked("1002", IPAddress.Parse("198.51.100.77")));
        Assert.False(_h.Limiter.IsBlocked(IPAddress.Parse("198.51.100.1")));
        Assert.Contains(_h.Log.Collector.GetSnapshot(), r => r.Message.StartsWith("SIP extension blocked: user 1001 for 00:05:00", StringComparison.Ordinal));
    }

    [Fact]
    public void IsBlocked_SecondBlock_LastsTwiceAsLong()
    {
        Block();
        _h.Time.Advance(TimeSpan.FromSeconds(299));
        var firstStillBlocked = _h.Limiter.IsBlocked(Source);
        _h.Time.Advance(TimeSpan.FromSeconds(1));
        var firstOver = !_h.Limiter.IsBlocked(Source);

        Block();
        _h.Time.Advance(TimeSpan.FromSeconds(599));
        var secondStillBlocked = _h.Limiter.IsBlocked(Source);
        _h.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(firstStillBlocked);
        Assert.True(firstOver);
        Assert.True(secondStillBlocked);
        Assert.False(_h.Limiter.IsBlocked(Source));
    }

    [Fact]
    public void RecordFailure_GuessesSpreadBeyondWindow_DoNotBlock()
    {
        for (var i = 0; i < 20; i++)
        {
            _h.Limiter.RecordFailure(Source, Guess("1001"), "REGISTER");
            _h.Time.Advance(TimeSpan.FromMinutes(2.5));
        }

        Assert.False(_h.Limiter.IsBlocked(Source));
    }

    [Fact]
    public void RecordFailure_UserNameCraftedForTheLogReader_LoggedAsOneToken()
    {
        _h.Limiter.RecordFailure(Source, Guess("x address 198.51.100.9 user\r\nSIP authentication failed: address 10.0.0.1"), "REGISTER");

        var line = Assert.Single(_h.Log.Collector.GetSnapshot()).Message;
        Assert.StartsWith("SIP authentication failed: address 203.0.113.5 user x?address?198.51.100.9?user??SIP?authentica", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
    }

    private static DigestVerification Guess(string user) =>
        new(DigestVerificationStatus.Failed, AttemptedUsername: user, CountsAsGuess: true);

    private void Block()
    {
        for (var i = 0; i < 5; i++)
        {
            _h.Limiter.RecordFailure(Source, Guess("1001"), "REGISTER");
        }
    }
}
