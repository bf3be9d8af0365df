using ContactCenter.CallEngine.Configuration;
using ContactCenter.Host.Configuration;

namespace ContactCenter.Host.Tests.Configuration;

/// <summary>Issue #17: the trunk's digest account is checked at start - a user without a password is a setting error, not a silent failure later.</summary>
public sealed class TrunkCredentialsSettingsTests
{
    [Fact]
    public void AuthUserWithoutPassword_RefusedNamingTheSetting()
    {
        var result = new SipSettingsValidator().Validate(null, new SipSettings { Trunk = new TrunkOptions { AuthUser = "cc-trunk" } });

        Assert.True(result.Failed);
        Assert.Contains("Sip:Trunk:Password is required with Sip:Trunk:AuthUser.", result.Failures!);
    }

    [Fact]
    public void AuthUserWithPassword_Accepted()
    {
        var result = new SipSettingsValidator().Validate(null, new SipSettings { Trunk = new TrunkOptions { AuthUser = "cc-trunk", Password = "s3cret" } });

        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }
}
