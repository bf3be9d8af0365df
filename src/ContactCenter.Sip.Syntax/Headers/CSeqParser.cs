namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>Grammar for CSeq: <c>1*DIGIT LWS Method</c> (RFC 3261 §25.1).</summary>
public static class CSeqParser
{
    /// <summary>Parses a CSeq value; false when it is not well formed or the number does not fit 32 bits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out SipCSeq cseq)
    {
        cseq = default;
        if (!TryScan(value, out var number, out var method))
        {
            return false;
        }

        cseq = new SipCSeq(number, SipMethod.FromToken(SipChars.Trim(value)[method]));
        return true;
    }

    internal static bool TryScan(ReadOnlySpan<byte> value, out uint number, out Range method)
    {
        number = 0;
        method = default;
        value = SipChars.Trim(value);
        var space = value.IndexOfAny(SipChars.Whitespace);
        if (space < 0 || !SipChars.TryParseDigits(value[..space], uint.MaxValue, out var n))
        {
            return false;
        }

        var start = SipChars.SkipWhitespace(value, space);
        if (!SipChars.IsToken(value[start..]))
        {
            return false;
        }

        number = (uint)n;
        method = new Range(start, value.Length);
        return true;
    }
}
