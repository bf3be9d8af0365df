using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

public sealed class CSeqParserTests
{
    [Theory]
    [InlineData("4711 INVITE", 4711u, "INVITE")]
    [InlineData("0 ACK", 0u, "ACK")]
    [InlineData("  0009 \t  BYE ", 9u, "BYE")]
    [InlineData("4294967295 REGISTER", 4294967295u, "REGISTER")]
    [InlineData("1 FOO-bar", 1u, "FOO-bar")]
    public void TryParse_Valid_ReadsNumberAndMethod(string value, uint number, string method)
    {
        var ok = CSeqParser.TryParse(Encoding.ASCII.GetBytes(value), out var cseq);

        Assert.True(ok);
        Assert.Equal(number, cseq.Number);
        Assert.Equal(method, cseq.Method.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("INVITE")]
    [InlineData("12")]
    [InlineData("-1 INVITE")]
    [InlineData("4294967296 INVITE")]
    [InlineData("36893488147419103232 REGISTER")]
    [InlineData("1 IN VITE")]
    [InlineData("1 INVITE;x")]
    public void TryParse_Invalid_ReturnsFalse(string value)
    {
        var ok = CSeqParser.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }

    [Fact]
    public void TryParse_KnownMethod_SharesInstance()
    {
        var ok = CSeqParser.TryParse("1 INVITE"u8, out var cseq);

        Assert.True(ok);
        Assert.Same(SipMethod.Invite, cseq.Method);
    }
}
