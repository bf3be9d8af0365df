using System.Buffers;
using System.Text;
using ContactCenter.Sip.Syntax.Framing;

namespace ContactCenter.Sip.Syntax.Tests.Framing;

public sealed class SipStreamFramerTests
{
    private readonly SipStreamFramer _framer = new(SipParserLimits.Default);

    private static byte[] Invite => TestData.Load("Samples/invite.sip");

    [Fact]
    public void TryReadMessage_WholeMessage_CompleteAndConsumed()
    {
        var bytes = Invite;
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));

        var result = _framer.TryReadMessage(ref reader, out var message);

        Assert.Equal(SipFrameResult.Complete, result);
        Assert.Equal(bytes.Length, message.Length);
        Assert.True(reader.End);
    }

    [Fact]
    public void TryReadMessage_EveryPrefix_IncompleteAndConsumesNothing()
    {
        var bytes = Invite;

        for (var length = 0; length < bytes.Length; length++)
        {
            var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes, 0, length));

            var result = _framer.TryReadMessage(ref reader, out _);

            Assert.True(result == SipFrameResult.Incomplete, $"prefix {length}: {result}");
            Assert.Equal(0, reader.Consumed);
        }
    }

    [Fact]
    public void TryReadMessage_SplitAtEveryOffset_ParsesTheSame()
    {
        var bytes = Invite;
        var expected = SipParser.Parse(bytes);

        for (var split = 1; split < bytes.Length; split++)
        {
            var reader = new SequenceReader<byte>(TwoSegments(bytes, split));

            var result = _framer.TryReadMessage(ref reader, out var message);

            Assert.Equal(SipFrameResult.Complete, result);
            Assert.True(SipParser.TryParse(message, SipParserLimits.Default, out var parsed, out var error), error.ToString());
            SipMessageRoundTripTests.AssertEquivalent(expected, parsed!);
        }
    }

    [Fact]
    public void TryReadMessage_TwoMessagesBackToBack_TakesOneAtATime()
    {
        var bytes = Invite.Concat(TestData.Load("Samples/ok.sip")).ToArray();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));

        var first = _framer.TryReadMessage(ref reader, out var one);
        var second = _framer.TryReadMessage(ref reader, out var two);
        var third = _framer.TryReadMessage(ref reader, out _);

        Assert.Equal((SipFrameResult.Complete, SipFrameResult.Complete, SipFrameResult.Incomplete), (first, second, third));
        Assert.IsType<SipRequest>(SipParser.Parse(one.ToArray()));
        Assert.IsType<SipResponse>(SipParser.Parse(two.ToArray()));
    }

    [Fact]
    public void TryReadMessage_DoubleCrlfPing_ReportsPingThenMessage()
    {
        var bytes = "\r\n\r\n"u8.ToArray().Concat(Invite).ToArray();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));

        var ping = _framer.TryReadMessage(ref reader, out _);
        var message = _framer.TryReadMessage(ref reader, out _);

        Assert.Equal(SipFrameResult.Ping, ping);
        Assert.Equal(SipFrameResult.Complete, message);
    }

    [Theory]
    [InlineData("\r\n", SipFrameResult.Pong, 2)]
    [InlineData("\r", SipFrameResult.Incomplete, 0)]
    [InlineData("\r\n\r", SipFrameResult.Incomplete, 0)]
    [InlineData("\r\nINVITE", SipFrameResult.Pong, 2)]
    [InlineData("\n\n", SipFrameResult.Malformed, 0)]
    public void TryReadMessage_KeepAliveBytes_ReportedAsRfc5626Says(string input, SipFrameResult expected, int consumed)
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(input)));

        var result = _framer.TryReadMessage(ref reader, out _);

        Assert.Equal(expected, result);
        Assert.Equal(consumed, reader.Consumed);
    }

    [Fact]
    public void TryReadMessage_NoContentLength_Malformed()
    {
        var text = TestData.Options.Replace("Content-Length: 0\n", string.Empty, StringComparison.Ordinal);
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(TestData.Crlf(text)));

        var result = _framer.TryReadMessage(ref reader, out _);

        Assert.Equal(SipFrameResult.Malformed, result);
        Assert.Equal(0, reader.Consumed);
    }

    [Fact]
    public void TryReadMessage_CompactContentLength_Frames()
    {
        var text = TestData.Options.Replace("Content-Length: 0", "l: 5", StringComparison.Ordinal) + "hello";
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(TestData.Crlf(text)));

        var result = _framer.TryReadMessage(ref reader, out var message);

        Assert.Equal(SipFrameResult.Complete, result);
        Assert.EndsWith("hello", Encoding.ASCII.GetString(message.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadMessage_LargerThanLimit_Malformed()
    {
        var framer = new SipStreamFramer(new SipParserLimits { MaxMessageBytes = 200 });
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(Invite));

        var result = framer.TryReadMessage(ref reader, out _);

        Assert.Equal(SipFrameResult.Malformed, result);
    }

    [Fact]
    public void TryReadMessage_Garbage_MalformedOnceFirstLineIsSeen()
    {
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>("GET / HTTP/1.1\r\nHost: x\r\n"u8.ToArray()));

        var result = _framer.TryReadMessage(ref reader, out _);

        Assert.Equal(SipFrameResult.Malformed, result);
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] bytes, int split)
    {
        var first = new Segment(bytes.AsMemory(0, split), 0);
        var last = first.Append(bytes.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
