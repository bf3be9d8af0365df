using System.Text;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Tests.Headers;

public sealed class TokenListParserTests
{
    [Theory]
    [InlineData("", new string[0])]
    [InlineData("timer", new[] { "timer" })]
    [InlineData("INVITE, ACK,CANCEL ,  BYE", new[] { "INVITE", "ACK", "CANCEL", "BYE" })]
    [InlineData("100rel, replaces, ,norefersub", new[] { "100rel", "replaces", "norefersub" })]
    public void TryParse_Valid_ReadsTokens(string value, string[] expected)
    {
        var ok = TokenListParser.TryParse(Encoding.ASCII.GetBytes(value), out var tokens);

        Assert.True(ok);
        Assert.Equal(expected, tokens);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a, b;c")]
    [InlineData("\"quoted\"")]
    [InlineData("a,<b>")]
    public void TryParse_Invalid_ReturnsFalse(string value)
    {
        var ok = TokenListParser.TryParse(Encoding.ASCII.GetBytes(value), out _);

        Assert.False(ok);
    }
}
