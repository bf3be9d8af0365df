using System.Buffers;
using System.Text;

namespace ContactCenter.Sip.Syntax.Framing;

/// <summary>
/// Cuts SIP messages out of a byte stream (TCP, TLS) by Content-Length (RFC 3261 §18.3), and spots
/// RFC 5626 CRLF keep-alives. Holds only its limits, so one instance may serve every connection.
/// </summary>
public sealed class SipStreamFramer
{
    private readonly SipParserLimits _limits;

    /// <summary>Creates a framer enforcing <paramref name="limits"/> (message size and line length).</summary>
    public SipStreamFramer(in SipParserLimits limits) => _limits = limits;

    /// <summary>
    /// Takes one message, ping or pong from the front of <paramref name="reader"/>. Only
    /// <see cref="SipFrameResult.Complete"/>, <see cref="SipFrameResult.Ping"/> and
    /// <see cref="SipFrameResult.Pong"/> advance the reader.
    /// </summary>
    public SipFrameResult TryReadMessage(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> message)
    {
        message = default;
        if (!reader.TryPeek(out var first))
        {
            return SipFrameResult.Incomplete;
        }

        if (first is SipChars.Cr or SipChars.Lf)
        {
            return ReadKeepAlive(ref reader);
        }

        var max = _limits.EffectiveMaxMessageBytes;
        var probe = reader;
        if (!probe.TryAdvanceTo(SipChars.Lf, advancePastDelimiter: true))
        {
            return reader.Remaining > Math.Min(max, _limits.EffectiveMaxLineLength) ? SipFrameResult.Malformed : SipFrameResult.Incomplete;
        }

        if (!LooksLikeStartLine(reader.Sequence.Slice(reader.Position, probe.Position)))
        {
            return SipFrameResult.Malformed;
        }

        probe = reader;
        if (!probe.TryReadTo(out ReadOnlySequence<byte> head, "\r\n\r\n"u8, advancePastDelimiter: true))
        {
            return reader.Remaining > max ? SipFrameResult.Malformed : SipFrameResult.Incomplete;
        }

        var headLength = head.Length + 4;
        if (headLength > max || !TryFindContentLength(head, out var contentLength) || headLength + contentLength > max)
        {
            return SipFrameResult.Malformed;
        }

        var total = headLength + contentLength;
        if (reader.Remaining < total)
        {
            return SipFrameResult.Incomplete;
        }

        message = reader.Sequence.Slice(reader.Position, total);
        reader.Advance(total);
        return SipFrameResult.Complete;
    }

    private static SipFrameResult ReadKeepAlive(ref SequenceReader<byte> reader)
    {
        if (reader.IsNext("\r\n\r\n"u8, advancePast: true))
        {
            return SipFrameResult.Ping;
        }

        if (reader.Remaining < 4 && IsPrefixOfPing(reader.UnreadSequence))
        {
            // "\r", "\r\n\r": wait; "\r\n" alone is a pong (a ping is sent in one write, RFC 5626 §3.5.1).
            if (reader.Remaining != 2)
            {
                return SipFrameResult.Incomplete;
            }
        }

        return reader.IsNext("\r\n"u8, advancePast: true) ? SipFrameResult.Pong : SipFrameResult.Malformed;
    }

    private static bool IsPrefixOfPing(ReadOnlySequence<byte> unread)
    {
        Span<byte> bytes = stackalloc byte[4];
        var length = (int)Math.Min(unread.Length, 4);
        unread.Slice(0, length).CopyTo(bytes);
        return "\r\n\r\n"u8.StartsWith(bytes[..length]);
    }

    private static bool LooksLikeStartLine(ReadOnlySequence<byte> line)
    {
        // Status-Line starts "SIP/", Request-Line ends "SIP/2.0" (any version: the parser answers 505).
        Span<byte> buffer = stackalloc byte[16];
        var head = buffer[..(int)Math.Min(line.Length, 4)];
        line.Slice(0, head.Length).CopyTo(head);
        if (Ascii.EqualsIgnoreCase(head, "SIP/"u8))
        {
            return true;
        }

        var tailLength = (int)Math.Min(line.Length, 16);
        var tail = buffer[..tailLength];
        line.Slice(line.Length - tailLength).CopyTo(tail);
        tail = tail.TrimEnd("\r\n"u8);
        var space = tail.LastIndexOf(SipChars.Space);
        return space >= 0 && tail.Length - space > 5 && Ascii.EqualsIgnoreCase(tail[(space + 1)..(space + 5)], "SIP/"u8);
    }

    private static bool TryFindContentLength(ReadOnlySequence<byte> head, out long contentLength)
    {
        if (head.IsSingleSegment)
        {
            return TryFindContentLength(head.FirstSpan, out contentLength);
        }

        var rented = ArrayPool<byte>.Shared.Rent((int)head.Length);
        try
        {
            head.CopyTo(rented);
            return TryFindContentLength(rented.AsSpan(0, (int)head.Length), out contentLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryFindContentLength(ReadOnlySpan<byte> head, out long contentLength)
    {
        // RFC 3261 §18.3: on a stream, Content-Length MUST be present; without it we cannot frame.
        contentLength = -1;
        foreach (var range in head.Split(SipChars.Lf))
        {
            var line = head[range];
            var colon = line.IndexOf(SipChars.Colon);
            if (colon <= 0 || SipChars.IsWhitespace(line[0])
                || SipHeaderNames.Lookup(line[..colon].TrimEnd(SipChars.Whitespace)) != SipHeaderKind.ContentLength)
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim(" \t\r"u8);
            if (!SipChars.TryParseDigits(value, int.MaxValue, out var length) || (contentLength >= 0 && contentLength != length))
            {
                return false;
            }

            contentLength = length;
        }

        return contentLength >= 0;
    }
}
