namespace ContactCenter.Sdp;

/// <summary><c>a=fmtp:&lt;format&gt; &lt;parameters&gt;</c> (RFC 4566 §6), e.g. <c>a=fmtp:101 0-16</c>.</summary>
/// <param name="Format">The media format (for RTP, the payload type number).</param>
/// <param name="Parameters">The format-specific parameters, kept as written.</param>
public sealed record SdpFmtp(string Format, string Parameters)
{
    /// <summary>Parses the value of an <c>fmtp</c> attribute.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpFmtp? fmtp)
    {
        fmtp = null;
        int space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (value is null || space <= 0)
        {
            return false;
        }

        fmtp = new SdpFmtp(value[..space], value[(space + 1)..].TrimStart(' '));
        return true;
    }

    /// <summary>This fmtp as an attribute.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.Fmtp, Format + " " + Parameters);
}
