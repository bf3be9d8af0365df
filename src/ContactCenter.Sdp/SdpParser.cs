using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace ContactCenter.Sdp;

/// <summary>
/// Parses session descriptions (RFC 4566). Bad input is reported, never thrown. Lines may end in
/// CRLF or a bare LF (RFC 4566 §5 asks parsers to accept both).
/// </summary>
public static class SdpParser
{
    /// <summary>The largest body accepted.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SdpSession? session, out SdpParseError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBodyBytes)
        {
            session = null;
            error = new SdpParseError(SdpParseErrorCode.TooLarge, 0);
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, rented);
            return TryParse(rented.AsSpan(0, length), out session, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Parses the UTF-8 body <paramref name="body"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> body, [NotNullWhen(true)] out SdpSession? session, out SdpParseError error)
    {
        session = null;
        if (body.IsEmpty)
        {
            error = new SdpParseError(SdpParseErrorCode.Empty, 0);
            return false;
        }

        if (body.Length > MaxBodyBytes)
        {
            error = new SdpParseError(SdpParseErrorCode.TooLarge, 0);
            return false;
        }

        if (!Utf8.IsValid(body) || body.Contains((byte)0))
        {
            error = new SdpParseError(SdpParseErrorCode.InvalidText, 0);
            return false;
        }

        var builder = new SdpSessionBuilder();
        int lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            int end = body.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 1)..];
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                // Blank lines are tolerated only at the end (some stacks add one).
                if (body.ContainsAnyExcept("\r\n"u8))
                {
                    error = new SdpParseError(SdpParseErrorCode.MalformedLine, lineNumber);
                    return false;
                }

                break;
            }

            SdpParseErrorCode code = ParseLine(builder, line);
            if (code != SdpParseErrorCode.None)
            {
                error = new SdpParseError(code, lineNumber);
                return false;
            }
        }

        SdpParseErrorCode final = builder.Validate();
        if (final != SdpParseErrorCode.None)
        {
            error = new SdpParseError(final, lineNumber);
            return false;
        }

        session = builder.Build();
        error = SdpParseError.None;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>, throwing <see cref="FormatException"/> when it is malformed (tests and tools).</summary>
    public static SdpSession Parse(string text) =>
        TryParse(text, out SdpSession? session, out SdpParseError error)
            ? session
            : throw new FormatException($"Invalid SDP: {error}.");

    private static SdpParseErrorCode ParseLine(SdpSessionBuilder builder, ReadOnlySpan<byte> line)
    {
        if (line.Length < 2 || line[1] != (byte)'=' || !char.IsAsciiLetterLower((char)line[0]) || line.Contains((byte)'\r'))
        {
            return SdpParseErrorCode.MalformedLine;
        }

        char type = (char)line[0];
        string value = Encoding.UTF8.GetString(line[2..]);
        return builder.Add(type, value);
    }
}
