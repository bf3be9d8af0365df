using System.Net;
using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Sip.UserAgents.Tests.Authentication;

public sealed class SourceNetworkTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Of_Address_GivesTheUnitGuessesAreCountedBy(string address, string expected)
    {
        Assert.Equal(expected, SourceNetwork.Of(IPAddress.Parse(address)));
    }

    [Fact]
    public void Of_TwoAddressesOfOneSlash64_AreOneSource()
    {
        Assert.Equal(SourceNetwork.Of(IPAddress.Parse("2001:db8::1")), SourceNetwork.Of(IPAddress.Parse("2001:db8::ffff:1")));
    }
}
