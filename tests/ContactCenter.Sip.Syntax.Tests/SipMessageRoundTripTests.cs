using System.Buffers;

namespace ContactCenter.Sip.Syntax.Tests;

/// <summary>Parse -> write -> parse gives an equal message, for every valid file.</summary>
public sealed class SipMessageRoundTripTests
{
    public static TheoryData<string> ValidFiles() => SipParserTortureTests.ValidFiles();

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void TryWrite_ParsedMessage_ReparsesEqual(string file)
    {
        var original = SipParser.Parse(TestData.Load(file));
        var writer = new ArrayBufferWriter<byte>();

        Assert.True(original.TryWrite(writer));
        var reparsed = SipParser.Parse(writer.WrittenSpan);

        AssertEquivalent(original, reparsed);
        Assert.True(original.Bytes.Span.SequenceEqual(writer.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ToBuilder_Unchanged_BuildsEquivalentMessage(string file)
    {
        var original = SipParser.Parse(TestData.Load(file));

        SipMessage rebuilt = original is SipRequest request ? request.ToBuilder().Build() : ((SipResponse)original).ToBuilder().Build();

        AssertEquivalent(original, rebuilt);
    }

    internal static void AssertEquivalent(SipMessage expected, SipMessage actual)
    {
        Assert.Equal(expected.IsRequest, actual.IsRequest);
        Assert.Equal(expected.ToString(), actual.ToString());
        var expectedHeaders = expected.Headers.Where(h => h.Kind != SipHeaderKind.ContentLength).Select(h => (h.Name, h.GetValueString()));
        var actualHeaders = actual.Headers.Where(h => h.Kind != SipHeaderKind.ContentLength).Select(h => (h.Name, h.GetValueString()));
        Assert.Equal(expectedHeaders, actualHeaders);
        Assert.Equal(expected.Vias.Select(v => v.ToString()), actual.Vias.Select(v => v.ToString()));
        Assert.Equal(expected.From.ToString(), actual.From.ToString());
        Assert.Equal(expected.To.ToString(), actual.To.ToString());
        Assert.Equal(expected.CallId, actual.CallId);
        Assert.Equal(expected.CSeq, actual.CSeq);
        Assert.True(expected.Body.Span.SequenceEqual(actual.Body.Span));
    }
}
