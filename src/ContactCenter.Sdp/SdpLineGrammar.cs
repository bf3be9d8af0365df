using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sdp;

/// <summary>The grammar of each SDP line value (RFC 4566 §9), one method per line type.</summary>
internal static class SdpLineGrammar
{
    private static readonly char[] Space = [' '];

    public static bool TryParseOrigin(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        string[] f = Fields(value);
        if (f.Length != 6 || !SdpNumbers.TryParseUInt64(f[1], out _) || !SdpNumbers.TryParseUInt64(f[2], out ulong version) ||
            !IsToken(f[3]) || !IsToken(f[4]) || !SdpAddresses.IsValid(f[4], f[5]))
        {
            return false;
        }

        origin = new SdpOrigin(f[0], f[1], version, f[3], f[4], f[5]);
        return true;
    }

    public static bool TryParseConnection(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        string[] f = Fields(value);
        if (f.Length != 3 || !IsToken(f[0]) || !IsToken(f[1]))
        {
            return false;
        }

        // RFC 4566 §5.7: IP4 multicast is addr/ttl[/count]; IP6 multicast is addr[/count].
        string[] parts = f[2].Split('/');
        int?[] numbers = new int?[2];
        for (int i = 1; i < parts.Length; i++)
        {
            if (i > 2 || !SdpNumbers.TryParseInt32(parts[i], out int number))
            {
                return false;
            }

            numbers[i - 1] = number;
        }

        if (!SdpAddresses.IsValid(f[1], parts[0]) || (f[1] == "IP6" && parts.Length > 2))
        {
            return false;
        }

        bool ip6 = f[1] == "IP6";
        connection = new SdpConnection(f[0], f[1], parts[0])
        {
            Ttl = ip6 ? null : numbers[0],
            AddressCount = ip6 ? numbers[0] : numbers[1],
        };
        return true;
    }

    public static bool TryParseBandwidth(string value, [NotNullWhen(true)] out SdpBandwidth? bandwidth)
    {
        bandwidth = null;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !IsToken(value[..colon]) || !SdpNumbers.TryParseUInt64(value.AsSpan(colon + 1), out ulong amount) ||
            amount > long.MaxValue)
        {
            return false;
        }

        bandwidth = new SdpBandwidth(value[..colon], (long)amount);
        return true;
    }

    public static bool TryParseTiming(string value, [NotNullWhen(true)] out SdpTiming? timing)
    {
        timing = null;
        string[] f = Fields(value);
        if (f.Length != 2 || !SdpNumbers.TryParseUInt64(f[0], out ulong start) || !SdpNumbers.TryParseUInt64(f[1], out ulong stop))
        {
            return false;
        }

        timing = new SdpTiming(start, stop);
        return true;
    }

    public static bool TryParseRepeat(string value, [NotNullWhen(true)] out SdpRepeatTime? repeat)
    {
        repeat = null;
        string[] f = Fields(value);
        if (f.Length < 3 || !Array.TrueForAll(f, IsTypedTime))
        {
            return false;
        }

        repeat = new SdpRepeatTime(f[0], f[1], [.. f.AsSpan(2)]);
        return true;
    }

    public static bool TryParseTimeZones(string value, List<SdpTimeZoneAdjustment> adjustments)
    {
        string[] f = Fields(value);
        if (f.Length == 0 || f.Length % 2 != 0)
        {
            return false;
        }

        for (int i = 0; i < f.Length; i += 2)
        {
            string offset = f[i + 1];
            if (!SdpNumbers.TryParseUInt64(f[i], out ulong time) || !IsTypedTime(offset.StartsWith('-') ? offset[1..] : offset))
            {
                return false;
            }

            adjustments.Add(new SdpTimeZoneAdjustment(time, offset));
        }

        return true;
    }

    public static bool TryParseAttribute(string value, [NotNullWhen(true)] out SdpAttribute? attribute)
    {
        attribute = null;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? value : value[..colon];
        string? attributeValue = colon < 0 ? null : value[(colon + 1)..];
        if (!IsToken(name) || !IsKnownValueValid(name, attributeValue))
        {
            return false;
        }

        attribute = new SdpAttribute(name, attributeValue);
        return true;
    }

    public static bool TryParseMedia(string value, [NotNullWhen(true)] out SdpMedia? media)
    {
        media = null;
        string[] f = Fields(value);
        if (f.Length < 4 || !IsToken(f[0]) || !IsProtocol(f[2]))
        {
            return false;
        }

        int slash = f[1].IndexOf('/', StringComparison.Ordinal);
        int? portCount = null;
        if (slash >= 0)
        {
            if (!SdpNumbers.TryParseInt32(f[1].AsSpan(slash + 1), out int count) || count == 0)
            {
                return false;
            }

            portCount = count;
        }

        if (!SdpNumbers.TryParsePort(slash < 0 ? f[1] : f[1].AsSpan(0, slash), out int port) ||
            !Array.TrueForAll(f[3..], IsToken))
        {
            return false;
        }

        media = new SdpMedia(f[0], port, f[2], [.. f.AsSpan(3)]) { PortCount = portCount };
        return true;
    }

    private static bool IsKnownValueValid(string name, string? value) => name switch
    {
        SdpAttributeNames.RtpMap => SdpRtpMap.TryParse(value, out _),
        SdpAttributeNames.Fmtp => SdpFmtp.TryParse(value, out _),
        SdpAttributeNames.Ptime or SdpAttributeNames.MaxPtime =>
            value is not null && SdpNumbers.TryParseInt32(value.Trim(' '), out int ms) && ms > 0,
        SdpAttributeNames.Rtcp => SdpRtcp.TryParse(value, out _),
        "sendrecv" or "sendonly" or "recvonly" or "inactive" => value is null,
        _ => true,
    };

    private static string[] Fields(string value) => value.Split(Space, StringSplitOptions.RemoveEmptyEntries);

    // RFC 4566 §9: token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    private static bool IsToken(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            bool ok = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E ||
                      char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c) || (c >= 0x5E && c <= 0x7E);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // proto = token *("/" token)
    private static bool IsProtocol(string text) => Array.TrueForAll(text.Split('/'), IsToken);

    // typed-time = 1*DIGIT [fixed-len-time-unit], units d h m s.
    private static bool IsTypedTime(string text)
    {
        ReadOnlySpan<char> digits = text.Length > 1 && text[^1] is 'd' or 'h' or 'm' or 's' ? text.AsSpan(0, text.Length - 1) : text;
        return SdpNumbers.TryParseUInt64(digits, out _);
    }
}
