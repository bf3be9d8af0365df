using System.Buffers;
using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>Byte constants, character classes and small scanning helpers shared by the grammars.</summary>
internal static class SipChars
{
    internal const byte Cr = (byte)'\r';
    internal const byte Lf = (byte)'\n';
    internal const byte Space = (byte)' ';
    internal const byte Tab = (byte)'\t';
    internal const byte Colon = (byte)':';
    internal const byte Semicolon = (byte)';';
    internal const byte Comma = (byte)',';
    internal const byte Equal = (byte)'=';
    internal const byte Quote = (byte)'"';
    internal const byte Backslash = (byte)'\\';
    internal const byte LessThan = (byte)'<';
    internal const byte GreaterThan = (byte)'>';
    internal const byte At = (byte)'@';
    internal const byte Question = (byte)'?';
    internal const byte Ampersand = (byte)'&';
    internal const byte Percent = (byte)'%';
    internal const byte Slash = (byte)'/';
    internal const byte OpenBracket = (byte)'[';
    internal const byte CloseBracket = (byte)']';
    internal const byte Star = (byte)'*';

    internal static ReadOnlySpan<byte> Whitespace => " \t"u8;

    internal static ReadOnlySpan<byte> CrLf => "\r\n"u8;

    /// <summary>RFC 3261 §25.1 token characters.</summary>
    internal static readonly SearchValues<byte> Token =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~"u8);

    /// <summary>Unquoted generic-param values: token, or a host (which may be an IPv6 reference).</summary>
    internal static readonly SearchValues<byte> GenericValue =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~[]:"u8);

    /// <summary>RFC 3261 §25.1 paramchar (unreserved, escaped, param-unreserved) for URI parameters.</summary>
    internal static readonly SearchValues<byte> UriParameter =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()%[]/:&+$"u8);

    /// <summary>URI header characters plus '=' (a whole hname=hvalue pair).</summary>
    internal static readonly SearchValues<byte> UriHeaderWithEqual =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()%[]/?:+$="u8);

    /// <summary>RFC 3261 §25.1 user characters (unreserved, escaped, user-unreserved).</summary>
    internal static readonly SearchValues<byte> User =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()%&=+$,;?/"u8);

    /// <summary>RFC 3261 §25.1 password characters.</summary>
    internal static readonly SearchValues<byte> Password =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()%&=+$,"u8);

    /// <summary>Hostname and IPv4 characters.</summary>
    internal static readonly SearchValues<byte> HostName =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."u8);

    /// <summary>Characters inside an IPv6 reference.</summary>
    internal static readonly SearchValues<byte> Ipv6 = SearchValues.Create("ABCDEFabcdef0123456789:."u8);

    /// <summary>Characters a URI of any scheme may carry (no whitespace, quotes, angle brackets or controls).</summary>
    internal static readonly SearchValues<byte> AbsoluteUri =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()%;/?:@&=+$,[]#"u8);

    /// <summary>
    /// <see cref="AbsoluteUri"/> without '%', '[', ']' and '#': a sip URI made only of these has no escapes to
    /// check and a user part that is all user characters.
    /// </summary>
    internal static readonly SearchValues<byte> PlainUri =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'();/?:@&=+$,"u8);

    /// <summary>Characters a URI scheme name may carry after its first letter.</summary>
    internal static readonly SearchValues<byte> Scheme =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-."u8);

    /// <summary>RFC 3966 telephone-subscriber characters (digits, hex for local numbers, visual separators).</summary>
    internal static readonly SearchValues<byte> TelephoneNumber = SearchValues.Create("0123456789ABCDEFabcdef+-.()*#pw"u8);

    /// <summary>RFC 3261 §25.1 word characters plus '@' (a Call-ID is <c>word ["@" word]</c>).</summary>
    internal static readonly SearchValues<byte> CallId =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~()<>:\\\"/[]?{}@"u8);

    internal static readonly SearchValues<byte> Digits = SearchValues.Create("0123456789"u8);

    internal static bool IsToken(ReadOnlySpan<byte> value) => !value.IsEmpty && !value.ContainsAnyExcept(Token);

    internal static bool IsWhitespace(byte b) => b is Space or Tab;

    /// <summary>Removes leading and trailing SP/HTAB (a scalar loop: runs of whitespace are short).</summary>
    internal static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value) => TrimEnd(TrimStart(value));

    /// <summary>Removes leading SP/HTAB.</summary>
    internal static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> value) => value[SkipWhitespace(value, 0)..];

    /// <summary>Removes trailing SP/HTAB.</summary>
    internal static ReadOnlySpan<byte> TrimEnd(ReadOnlySpan<byte> value)
    {
        var end = value.Length;
        while (end > 0 && IsWhitespace(value[end - 1]))
        {
            end--;
        }

        return value[..end];
    }

    /// <summary>The first index at or after <paramref name="pos"/> that is not SP/HTAB, or the length.</summary>
    internal static int SkipWhitespace(ReadOnlySpan<byte> value, int pos)
    {
        while ((uint)pos < (uint)value.Length && IsWhitespace(value[pos]))
        {
            pos++;
        }

        return pos;
    }

    /// <summary>Like <c>IndexOfAnyExcept(Whitespace)</c>: the first index that is not SP/HTAB, or -1.</summary>
    internal static int IndexOfNonWhitespace(ReadOnlySpan<byte> value)
    {
        var i = SkipWhitespace(value, 0);
        return i < value.Length ? i : -1;
    }

    internal static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    /// <summary>
    /// ASCII case-insensitive equality with a lower-case literal: a letter matches either case, any other byte
    /// only itself (the result of <c>Ascii.EqualsIgnoreCase</c>, without its set-up cost on short values).
    /// </summary>
    internal static bool EqualsLower(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lower)
    {
        if (value.Length != lower.Length)
        {
            return false;
        }

        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            var b = value[i];
            if (b != c && ((uint)(c - 'a') > 'z' - 'a' || (b | 0x20) != c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every '%' is followed by two hex digits.</summary>
    internal static bool HasValidEscapes(ReadOnlySpan<byte> value)
    {
        int i;
        while ((i = value.IndexOf(Percent)) >= 0)
        {
            if (i + 2 >= value.Length || !IsHex(value[i + 1]) || !IsHex(value[i + 2]))
            {
                return false;
            }

            value = value[(i + 3)..];
        }

        return true;
    }

    /// <summary>Parses 1*DIGIT into an int no greater than <paramref name="max"/>.</summary>
    internal static bool TryParseDigits(ReadOnlySpan<byte> digits, long max, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 19)
        {
            return false;
        }

        foreach (var b in digits)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
            if (value > max)
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryParseInt(ReadOnlySpan<byte> digits, int max, out int value)
    {
        var ok = TryParseDigits(digits, max, out var v);
        value = ok ? (int)v : 0;
        return ok;
    }

    internal static string ToText(ReadOnlySpan<byte> value) => Encoding.UTF8.GetString(value);

    /// <summary>Finds the end (index after the closing quote) of a quoted-string that starts at <paramref name="start"/>.</summary>
    internal static int FindQuotedEnd(ReadOnlySpan<byte> value, int start)
    {
        for (var i = start + 1; i < value.Length; i++)
        {
            var next = value[i..].IndexOfAny(Quote, Backslash);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            if (value[i] == Quote)
            {
                return i + 1;
            }

            i++; // quoted-pair: skip the escaped byte
        }

        return -1;
    }

    /// <summary>Removes the quotes and backslash escapes of a quoted-string; returns other values unchanged.</summary>
    internal static string Unquote(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2 || value[0] != Quote || value[^1] != Quote)
        {
            return ToText(value);
        }

        var inner = value[1..^1];
        if (inner.IndexOf(Backslash) < 0)
        {
            return ToText(inner);
        }

        var buffer = inner.Length <= 256 ? stackalloc byte[inner.Length] : new byte[inner.Length];
        var n = 0;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == Backslash && i + 1 < inner.Length)
            {
                i++;
            }

            buffer[n++] = inner[i];
        }

        return ToText(buffer[..n]);
    }

    /// <summary>Quotes a value as a quoted-string, escaping quotes and backslashes.</summary>
    internal static string QuoteString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Decodes %HH escapes into UTF-8 text.</summary>
    internal static string Unescape(ReadOnlySpan<byte> value)
    {
        if (value.IndexOf(Percent) < 0)
        {
            return ToText(value);
        }

        var buffer = value.Length <= 256 ? stackalloc byte[value.Length] : new byte[value.Length];
        var n = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == Percent && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                buffer[n++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                i += 2;
            }
            else
            {
                buffer[n++] = value[i];
            }
        }

        return ToText(buffer[..n]);
    }

    /// <summary>Percent-escapes every UTF-8 byte of <paramref name="value"/> outside <paramref name="allowed"/>.</summary>
    internal static string Escape(string value, SearchValues<byte> allowed)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (!bytes.AsSpan().ContainsAnyExcept(allowed) && bytes.AsSpan().IndexOf(Percent) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b != Percent && allowed.Contains(b))
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2"));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Index of the first <paramref name="target"/> outside quoted strings and &lt;...&gt;, or -1;
    /// <paramref name="balanced"/> is false when a quote or angle bracket is left open.
    /// </summary>
    internal static int IndexOfTopLevel(ReadOnlySpan<byte> value, byte target, out bool balanced)
    {
        balanced = true;
        var inAngle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var next = inAngle ? value[i..].IndexOf(GreaterThan) : value[i..].IndexOfAny(target, Quote, LessThan);
            if (next < 0)
            {
                break;
            }

            i += next;
            var b = value[i];
            if (inAngle)
            {
                inAngle = false;
            }
            else if (b == target)
            {
                return i;
            }
            else if (b == Quote)
            {
                var end = FindQuotedEnd(value, i);
                if (end < 0)
                {
                    balanced = false;
                    return -1;
                }

                i = end - 1;
            }
            else
            {
                inAngle = true;
            }
        }

        balanced = !inAngle;
        return -1;
    }

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
