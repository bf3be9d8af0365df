namespace ContactCenter.Sip.Syntax.Tests;

public sealed class SipMessageTests
{
    [Fact]
    public void ToTraceString_Authorization_IsRedacted()
    {
        var message = SipParser.Parse(TestData.Load("Samples/register.sip"));

        var trace = message.ToTraceString();

        Assert.DoesNotContain("6629fae49393a05397450978507c4ef1", trace, StringComparison.Ordinal);
        Assert.Contains("Authorization: ***", trace, StringComparison.Ordinal);
        Assert.Contains("Call-ID: reg-91823@10.0.0.7", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Request_IsRequestLineOnly()
    {
        var message = SipParser.Parse(TestData.Load("Samples/register.sip"));

        var text = message.ToString();

        Assert.Equal("REGISTER sip:example.com SIP/2.0", text);
    }

    [Fact]
    public void TryWrite_SpanTooSmall_ReturnsFalse()
    {
        var message = TestData.Parse(TestData.Options);
        var small = new byte[10];

        var ok = message.TryWrite(small, out var written);

        Assert.False(ok);
        Assert.Equal(0, written);
    }

    [Fact]
    public void ToArray_Message_IsIndependentCopy()
    {
        var message = TestData.Parse(TestData.Options);

        var copy = message.ToArray();
        copy[0] = (byte)'X';

        Assert.Equal((byte)'O', message.Bytes.Span[0]);
    }

    [Fact]
    public void Headers_GetValues_SplitsListAcrossLines()
    {
        var message = SipParser.Parse(TestData.Load("Samples/invite.sip"));

        var values = message.Headers.GetValues(SipHeaderKind.RecordRoute);

        Assert.Equal(2, values.Count);
        Assert.Equal("<sip:proxy2.example.com;lr>", System.Text.Encoding.ASCII.GetString(values[1].Span));
    }
}
