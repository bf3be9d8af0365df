namespace ContactCenter.Sdp;

/// <summary>Strict decimal parsing for SDP fields: ASCII digits only, no sign, no spaces.</summary>
internal static class SdpNumbers
{
    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return ulong.TryParse(text, System.Globalization.NumberStyles.None, null, out value);
    }

    public static bool TryParseInt32(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (!TryParseUInt64(text, out ulong wide) || wide > int.MaxValue)
        {
            return false;
        }

        value = (int)wide;
        return true;
    }

    public static bool TryParsePort(ReadOnlySpan<char> text, out int port) =>
        TryParseInt32(text, out port) && port <= 65_535;

    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out int payloadType) =>
        TryParseInt32(text, out payloadType) && payloadType <= 127;
}
