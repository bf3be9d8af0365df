using System.Text;

namespace ContactCenter.Sdp;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> (RFC 4566 §6).
/// </summary>
/// <param name="PayloadType">The RTP payload type, 0-127.</param>
/// <param name="EncodingName">The encoding name, e.g. <c>PCMU</c> or <c>telephone-event</c>.</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The number of audio channels, when given.</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>Parses the value of an <c>rtpmap</c> attribute.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        if (value is null)
        {
            return false;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpNumbers.TryParsePayloadType(value.AsSpan(0, space), out int payloadType))
        {
            return false;
        }

        string[] parts = value[(space + 1)..].Trim(' ').Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[0].Contains(' ', StringComparison.Ordinal) ||
            !SdpNumbers.TryParseInt32(parts[1], out int clockRate) || clockRate == 0)
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!SdpNumbers.TryParseInt32(parts[2], out int count) || count == 0)
            {
                return false;
            }

            channels = count;
        }

        rtpMap = new SdpRtpMap(payloadType, parts[0], clockRate, channels);
        return true;
    }

    /// <summary>This map as an attribute.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.RtpMap, FormatValue());

    /// <summary>The attribute value, e.g. <c>8 PCMA/8000</c>.</summary>
    public string FormatValue()
    {
        var text = new StringBuilder().Append(PayloadType).Append(' ').Append(EncodingName).Append('/').Append(ClockRate);
        if (Channels is int channels)
        {
            text.Append('/').Append(channels);
        }

        return text.ToString();
    }
}
