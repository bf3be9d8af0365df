using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Parses SIP messages from bytes (RFC 3261 §7, §25). Bad input is data: <c>TryParse</c> returns
/// false with a <see cref="SipParseError"/> and never throws.
/// </summary>
public static class SipParser
{
    /// <summary>
    /// Parses one message. For a datagram, a body without Content-Length is the rest of the datagram;
    /// bytes beyond Content-Length are ignored, and a Content-Length larger than what remains fails
    /// (RFC 3261 §18.3). Leading CRLFs are skipped (§7.5).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, in SipParserLimits limits, [NotNullWhen(true)] out SipMessage? message, out SipParseError error)
    {
        message = null;
        if (data.Length > limits.EffectiveMaxMessageBytes)
        {
            error = new SipParseError(SipParseErrorKind.MessageTooLarge, limits.EffectiveMaxMessageBytes, "Message Too Large", default, default, false);
            return false;
        }

        return TryParseCore(data, null, limits, out message, out error);
    }

    /// <summary>Parses a message in an array nobody else holds, adopting it instead of copying when it is exact.</summary>
    internal static bool TryParseOwned(byte[] data, in SipParserLimits limits, [NotNullWhen(true)] out SipMessage? message, out SipParseError error) =>
        TryParseCore(data, data, limits, out message, out error);

    private static bool TryParseCore(ReadOnlySpan<byte> data, byte[]? owned, in SipParserLimits limits, [NotNullWhen(true)] out SipMessage? message, out SipParseError error)
    {
        message = null;
        var start = data.IndexOfAnyExcept(SipChars.CrLf);
        if (start < 0)
        {
            error = new SipParseError(SipParseErrorKind.Empty, 0, "Empty Message", default, default, false);
            return false;
        }

        var entries = ArrayPool<HeaderEntry>.Shared.Rent(Math.Min(limits.EffectiveMaxHeaderCount, 1024));
        try
        {
            var parser = new MessageReader(data, owned, start, limits, entries);
            return parser.TryRead(out message, out error);
        }
        finally
        {
            ArrayPool<HeaderEntry>.Shared.Return(entries);
        }
    }

    /// <summary>Parses one message with <see cref="SipParserLimits.Default"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SipMessage? message, out SipParseError error) =>
        TryParse(data, SipParserLimits.Default, out message, out error);

    /// <summary>Parses one message taken from a stream by <see cref="Framing.SipStreamFramer"/>.</summary>
    public static bool TryParse(in ReadOnlySequence<byte> data, in SipParserLimits limits, [NotNullWhen(true)] out SipMessage? message, out SipParseError error)
    {
        if (data.IsSingleSegment)
        {
            return TryParse(data.FirstSpan, limits, out message, out error);
        }

        var length = (int)Math.Min(data.Length, limits.EffectiveMaxMessageBytes + 1L);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            data.Slice(0, length).CopyTo(rented);
            return TryParse(rented.AsSpan(0, length), limits, out message, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses one message or throws <see cref="SipParseException"/>. For tests and tools only.</summary>
    public static SipMessage Parse(ReadOnlySpan<byte> data) =>
        TryParse(data, SipParserLimits.Default, out var message, out var error) ? message : throw new SipParseException(error);

    /// <summary>Parses one message from text (UTF-8) or throws <see cref="SipParseException"/>. For tests and tools only.</summary>
    public static SipMessage Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    /// <summary>Parses a request or throws. For tests and tools only.</summary>
    public static SipRequest ParseRequest(string text) =>
        Parse(text) as SipRequest ?? throw new SipParseException("The message is a response, not a request.");

    /// <summary>Parses a response or throws. For tests and tools only.</summary>
    public static SipResponse ParseResponse(string text) =>
        Parse(text) as SipResponse ?? throw new SipParseException("The message is a request, not a response.");
}
