using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax;

/// <summary>Grammar for sip, sips and tel URIs (RFC 3261 §19.1, §25.1; RFC 3966) and other absolute URIs.</summary>
public static class SipUriParser
{
    /// <summary>Parses a URI; false when it is not well formed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, [NotNullWhen(true)] out SipUri? uri)
    {
        if (!TryScan(text, out var parts))
        {
            uri = null;
            return false;
        }

        uri = new SipUri(text, parts);
        return true;
    }

    /// <summary>Checks the syntax and finds the components without allocating.</summary>
    internal static bool TryScan(ReadOnlySpan<byte> text, out UriParts parts)
    {
        parts = default;
        var colon = text.IndexOf(SipChars.Colon);
        if (colon < 1 || !char.IsAsciiLetter((char)text[0]) || text[1..colon].ContainsAnyExcept(SipChars.Scheme))
        {
            return false;
        }

        var scheme = text[..colon];
        parts.SchemeLength = colon;
        if (SipChars.EqualsLower(scheme, "sip"u8))
        {
            parts.Scheme = SipUriScheme.Sip;
            return TryScanSip(text, colon + 1, ref parts);
        }

        if (SipChars.EqualsLower(scheme, "sips"u8))
        {
            parts.Scheme = SipUriScheme.Sips;
            return TryScanSip(text, colon + 1, ref parts);
        }

        var rest = text[(colon + 1)..];
        if (rest.IsEmpty || rest.ContainsAnyExcept(SipChars.AbsoluteUri) || !SipChars.HasValidEscapes(rest))
        {
            return false;
        }

        if (SipChars.EqualsLower(scheme, "tel"u8))
        {
            parts.Scheme = SipUriScheme.Tel;
            var semi = rest.IndexOf(SipChars.Semicolon);
            var number = semi < 0 ? rest : rest[..semi];
            if (number.IsEmpty || number.ContainsAnyExcept(SipChars.TelephoneNumber))
            {
                return false;
            }

            parts.User = new Range(colon + 1, colon + 1 + number.Length);
            parts.HasUser = true;
            parts.Parameters = new Range(colon + 1 + number.Length, text.Length);
            return ParameterReader.Validate(text[parts.Parameters], uri: true);
        }

        parts.Scheme = SipUriScheme.Other;
        return true;
    }

    private static bool TryScanSip(ReadOnlySpan<byte> text, int start, ref UriParts parts)
    {
        var rest = text[start..];
        if (rest.IsEmpty)
        {
            return false;
        }

        // One scan checks the characters and, for the usual plain URI, settles the user part and every escape.
        var odd = rest.IndexOfAnyExcept(SipChars.PlainUri);
        var plain = odd < 0;
        if (!plain && rest[odd..].ContainsAnyExcept(SipChars.AbsoluteUri))
        {
            return false;
        }

        var pos = start;
        var at = rest.IndexOf(SipChars.At);
        if (at >= 0)
        {
            var userInfo = rest[..at];
            var pwColon = userInfo.IndexOf(SipChars.Colon);
            var user = pwColon < 0 ? userInfo : userInfo[..pwColon];
            if (user.IsEmpty || (!plain && (user.ContainsAnyExcept(SipChars.User) || !SipChars.HasValidEscapes(user))))
            {
                return false;
            }

            parts.HasUser = true;
            parts.User = new Range(start, start + user.Length);
            if (pwColon >= 0)
            {
                var password = userInfo[(pwColon + 1)..];
                if (password.ContainsAnyExcept(SipChars.Password) || (!plain && !SipChars.HasValidEscapes(password)))
                {
                    return false;
                }

                parts.HasPassword = true;
                parts.Password = new Range(start + pwColon + 1, start + at);
            }

            pos = start + at + 1;
        }

        var hostEnd = ScanHost(text, pos);
        if (hostEnd <= pos)
        {
            return false;
        }

        parts.Host = new Range(pos, hostEnd);
        pos = hostEnd;
        if (pos < text.Length && text[pos] == SipChars.Colon)
        {
            var portEnd = text[(pos + 1)..].IndexOfAnyExcept(SipChars.Digits);
            portEnd = portEnd < 0 ? text.Length : pos + 1 + portEnd;
            if (!SipChars.TryParseInt(text[(pos + 1)..portEnd], 65535, out var port))
            {
                return false;
            }

            parts.Port = port;
            pos = portEnd;
        }

        var question = text[pos..].IndexOf(SipChars.Question);
        var paramsEnd = question < 0 ? text.Length : pos + question;
        parts.Parameters = new Range(pos, paramsEnd);
        if (!ParameterReader.Validate(text[parts.Parameters], uri: true, escapes: !plain))
        {
            return false;
        }

        parts.Headers = new Range(paramsEnd, text.Length);
        return question < 0 || ValidateHeaders(text[(paramsEnd + 1)..], escapes: !plain);
    }

    internal static int ScanHost(ReadOnlySpan<byte> text, int pos)
    {
        if (pos >= text.Length)
        {
            return -1;
        }

        if (text[pos] == SipChars.OpenBracket)
        {
            var close = text[pos..].IndexOf(SipChars.CloseBracket);
            if (close < 3 || text[(pos + 1)..(pos + close)].ContainsAnyExcept(SipChars.Ipv6))
            {
                return -1;
            }

            return pos + close + 1;
        }

        var end = text[pos..].IndexOfAnyExcept(SipChars.HostName);
        end = end < 0 ? text.Length : pos + end;
        var host = text[pos..end];
        if (host.IsEmpty || host[0] is (byte)'-' or (byte)'.' || host[^1] == (byte)'-')
        {
            return -1;
        }

        return end;
    }

    private static bool ValidateHeaders(ReadOnlySpan<byte> headers, bool escapes)
    {
        foreach (var range in headers.Split(SipChars.Ampersand))
        {
            var header = headers[range];
            var eq = header.IndexOf(SipChars.Equal);
            if (eq < 1 || header.ContainsAnyExcept(SipChars.UriHeaderWithEqual) || (escapes && !SipChars.HasValidEscapes(header)))
            {
                return false;
            }
        }

        return true;
    }
}
