using System.Net;
using ContactCenter.Sip.UserAgents.Admission;
using ContactCenter.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace ContactCenter.Sip.UserAgents.Tests.Admission;

public sealed class InviteAdmissionTests
{
    private static readonly IPAddress Flooder = IPAddress.Parse("203.0.113.5");
    private static readonly IPAddress Office = IPAddress.Parse("198.51.100.7");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-05T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private int _liveCalls;

    [Fact]
    public void TryAdmit_OneSourceBeyondItsRate_RefusedWhileAnotherSourceStillComesIn()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 5 });

        var verdicts = Enumerable.Range(0, 8).Select(_ => admission.TryAdmit(Flooder, perSourceExempt: false)).ToList();

        Assert.Equal(5, verdicts.Count(v => v == AdmissionVerdict.Admitted));
        Assert.Equal(AdmissionVerdict.SourceRateExceeded, verdicts[^1]);
        Assert.Equal(AdmissionVerdict.Admitted, admission.TryAdmit(Office, perSourceExempt: false));
    }

    [Fact]
    public void TryAdmit_TheBucketRefillsWithTime_AtTheConfiguredRate()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 10 });
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(AdmissionVerdict.Admitted, admission.TryAdmit(Flooder, false));
        }

        Assert.Equal(AdmissionVerdict.SourceRateExceeded, admission.TryAdmit(Flooder, false));
        _time.Advance(TimeSpan.FromMilliseconds(300)); // 3 tokens back

        var after = Enumerable.Range(0, 4).Select(_ => admission.TryAdmit(Flooder, false)).ToList();

        Assert.Equal([AdmissionVerdict.Admitted, AdmissionVerdict.Admitted, AdmissionVerdict.Admitted, AdmissionVerdict.SourceRateExceeded], after);
    }

    [Fact]
    public void TryAdmit_RotatingAddressesOfOneIPv6Slash64_CountAsOneSource()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 3 });

        var verdicts = Enumerable.Range(1, 4).Select(i => admission.TryAdmit(IPAddress.Parse($"2001:db8:1:2::{i:x}"), false)).ToList();

        Assert.Equal(AdmissionVerdict.SourceRateExceeded, verdicts[^1]);
        Assert.Equal(AdmissionVerdict.Admitted, admission.TryAdmit(IPAddress.Parse("2001:db8:1:3::1"), false));
    }

    [Fact]
    public void TryAdmit_TheTrunk_IsNotHeldToThePerSourceRateButToTheOverallOne()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 2, MaxInvitesPerSecond = 50 });

        var verdicts = Enumerable.Range(0, 51).Select(_ => admission.TryAdmit(Flooder, perSourceExempt: true)).ToList();

        Assert.Equal(50, verdicts.Count(v => v == AdmissionVerdict.Admitted));
        Assert.Equal(AdmissionVerdict.RateExceeded, verdicts[^1]);
    }

    [Fact]
    public void TryAdmit_ManySourcesTogetherBeyondTheOverallRate_Refused()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 5, MaxInvitesPerSecond = 20 });

        var verdicts = Enumerable.Range(1, 30).Select(i => admission.TryAdmit(IPAddress.Parse($"192.0.2.{i}"), false)).ToList();

        Assert.Equal(20, verdicts.Count(v => v == AdmissionVerdict.Admitted));
        Assert.All(verdicts.Skip(20), v => Assert.Equal(AdmissionVerdict.RateExceeded, v));
    }

    [Fact]
    public void TryAdmit_AtTheConcurrentCallCap_RefusedUntilACallEnds()
    {
        var admission = Create(new AdmissionOptions { MaxConcurrentCalls = 3 });
        _liveCalls = 3;

        Assert.Equal(AdmissionVerdict.TooManyCalls, admission.TryAdmit(Office, false));
        _liveCalls = 2;
        Assert.Equal(AdmissionVerdict.Admitted, admission.TryAdmit(Office, false));
    }

    [Fact]
    public void TryAdmit_ZeroLimits_AdmitEverything()
    {
        var admission = Create(new AdmissionOptions { MaxConcurrentCalls = 0, MaxInvitesPerSecond = 0, MaxInvitesPerSecondPerSource = 0 });
        _liveCalls = 1_000_000;

        Assert.All(Enumerable.Range(0, 5_000).Select(_ => admission.TryAdmit(Flooder, false)), v => Assert.Equal(AdmissionVerdict.Admitted, v));
        Assert.Equal(0, admission.TrackedSources);
    }

    [Fact]
    public void TryAdmit_ASpoofedFloodFromEverywhere_KeepsTheSourceTableBounded()
    {
        var admission = Create(new AdmissionOptions { MaxInvitesPerSecondPerSource = 5, MaxInvitesPerSecond = 0, MaxTrackedSources = 64 });

        for (var i = 0; i < 10_000; i++)
        {
            admission.TryAdmit(new IPAddress(BitConverter.GetBytes(0x0A000000 + i)), false);
        }

        Assert.InRange(admission.TrackedSources, 1, 64);
    }

    private InviteAdmission Create(AdmissionOptions options) =>
        new(new FixedOptions<AdmissionOptions>(options), _time, () => _liveCalls);
}
