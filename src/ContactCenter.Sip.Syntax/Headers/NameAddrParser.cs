using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// Grammar for <c>(name-addr / addr-spec) *(SEMI param)</c> as used by From, To, Contact, Route,
/// Record-Route, Refer-To and P-Asserted-Identity (RFC 3261 §20.10, §25.1).
/// </summary>
public static class NameAddrParser
{
    /// <summary>Parses one element (not a comma-joined list, not the Contact <c>*</c>).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipNameAddress? address)
    {
        value = SipChars.Trim(value);
        if (!TryScan(value, out var parts) || !SipUriParser.TryParse(value[parts.Uri], out var uri))
        {
            address = null;
            return false;
        }

        address = new SipNameAddress(value, parts, uri);
        return true;
    }

    internal static bool TryScan(ReadOnlySpan<byte> value, out NameAddrParts parts)
    {
        parts = default;
        if (value.IsEmpty)
        {
            return false;
        }

        int uriStart;
        if (value[0] == SipChars.Quote)
        {
            var end = SipChars.FindQuotedEnd(value, 0);
            if (end < 0)
            {
                return false;
            }

            parts.HasDisplayName = true;
            parts.DisplayName = new Range(0, end);
            uriStart = SipChars.SkipWhitespace(value, end);
            if (uriStart >= value.Length || value[uriStart] != SipChars.LessThan)
            {
                return false;
            }
        }
        else
        {
            uriStart = value.IndexOf(SipChars.LessThan);
            if (uriStart < 0)
            {
                return TryScanAddrSpec(value, ref parts);
            }

            var display = SipChars.Trim(value[..uriStart]);
            if (!display.IsEmpty)
            {
                // Unquoted display-name: *(token LWS).
                foreach (var word in display.SplitAny(SipChars.Whitespace))
                {
                    if (word.Start.Value != word.End.Value && !SipChars.IsToken(display[word]))
                    {
                        return false;
                    }
                }

                parts.HasDisplayName = true;
                parts.DisplayName = new Range(0, display.Length);
            }
        }

        var close = value[uriStart..].IndexOf(SipChars.GreaterThan);
        if (close < 0)
        {
            return false;
        }

        parts.Uri = new Range(uriStart + 1, uriStart + close);
        parts.Parameters = new Range(uriStart + close + 1, value.Length);
        return SipUriParser.TryScan(value[parts.Uri], out _) && ParameterReader.Validate(value[parts.Parameters], uri: false);
    }

    private static bool TryScanAddrSpec(ReadOnlySpan<byte> value, ref NameAddrParts parts)
    {
        // RFC 3261 §20: without angle brackets, any ';' starts header parameters, not URI parameters.
        var semi = value.IndexOf(SipChars.Semicolon);
        var uri = semi < 0 ? value : value[..semi];
        var uriLength = SipChars.TrimEnd(uri).Length;
        parts.Uri = new Range(0, uriLength);
        parts.Parameters = new Range(semi < 0 ? value.Length : semi, value.Length);
        var uriSpan = value[..uriLength];
        return uriSpan.IndexOfAny(SipChars.Whitespace) < 0 && uriSpan.IndexOf(SipChars.Comma) < 0
            && uriSpan.IndexOf(SipChars.Question) < 0
            && SipUriParser.TryScan(uriSpan, out _) && ParameterReader.Validate(value[parts.Parameters], uri: false);
    }
}
