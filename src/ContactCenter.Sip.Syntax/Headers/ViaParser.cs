using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// Grammar for one via-parm (RFC 3261 §20.42, §25.1):
/// <c>protocol-name SLASH version SLASH transport LWS sent-by *(SEMI via-params)</c>.
/// </summary>
public static class ViaParser
{
    /// <summary>Parses one Via element (not a comma-joined list).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipVia? via)
    {
        value = SipChars.Trim(value);
        if (!TryScan(value, out var parts))
        {
            via = null;
            return false;
        }

        via = new SipVia(value, parts);
        return true;
    }

    internal static bool TryScan(ReadOnlySpan<byte> value, out ViaParts parts)
    {
        parts = default;
        var pos = 0;
        if (!ReadToken(value, ref pos, out parts.ProtocolName) || !ReadSlash(value, ref pos)
            || !ReadToken(value, ref pos, out parts.ProtocolVersion) || !ReadSlash(value, ref pos)
            || !ReadToken(value, ref pos, out parts.Transport))
        {
            return false;
        }

        var hostStart = SipChars.SkipWhitespace(value, pos);
        if (hostStart == pos)
        {
            return false; // LWS is required between sent-protocol and sent-by.
        }

        var hostEnd = SipUriParser.ScanHost(value, hostStart);
        if (hostEnd < 0)
        {
            return false;
        }

        parts.Host = new Range(hostStart, hostEnd);
        pos = SkipWhitespace(value, hostEnd);
        if (pos < value.Length && value[pos] == SipChars.Colon)
        {
            pos = SkipWhitespace(value, pos + 1);
            var digits = value[pos..].IndexOfAnyExcept(SipChars.Digits);
            var end = digits < 0 ? value.Length : pos + digits;
            if (!SipChars.TryParseInt(value[pos..end], 65535, out var port))
            {
                return false;
            }

            parts.Port = port;
            pos = end;
        }

        parts.Parameters = new Range(pos, value.Length);
        return ParameterReader.Validate(value[pos..], uri: false);
    }

    private static bool ReadToken(ReadOnlySpan<byte> value, ref int pos, out Range token)
    {
        var end = value[pos..].IndexOfAnyExcept(SipChars.Token);
        end = end < 0 ? value.Length : pos + end;
        token = new Range(pos, end);
        pos = end;
        return end > token.Start.Value;
    }

    private static bool ReadSlash(ReadOnlySpan<byte> value, ref int pos)
    {
        pos = SkipWhitespace(value, pos);
        if (pos >= value.Length || value[pos] != SipChars.Slash)
        {
            return false;
        }

        pos = SkipWhitespace(value, pos + 1);
        return true;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> value, int pos) => SipChars.SkipWhitespace(value, pos);
}
