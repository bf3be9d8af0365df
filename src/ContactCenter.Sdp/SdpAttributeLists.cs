using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sdp;

/// <summary>Typed look-ups over a list of attributes, shared by session and media level.</summary>
public static class SdpAttributeLists
{
    /// <summary>The first attribute named <paramref name="name"/> (names compare case-sensitively, RFC 4566 §5.13).</summary>
    public static SdpAttribute? Find(this EquatableArray<SdpAttribute> attributes, string name)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == name)
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The direction attribute, if one is present.</summary>
    public static SdpDirection? FindDirection(this EquatableArray<SdpAttribute> attributes)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Value is null && SdpDirections.TryParse(attribute.Name, out SdpDirection direction))
            {
                return direction;
            }
        }

        return null;
    }

    /// <summary>The value of an integer attribute such as <c>ptime</c>, if present and well formed.</summary>
    public static int? FindInt32(this EquatableArray<SdpAttribute> attributes, string name) =>
        attributes.Find(name)?.Value is string value && SdpNumbers.TryParseInt32(value.Trim(' '), out int number)
            ? number
            : null;

    /// <summary>The <c>rtpmap</c> for <paramref name="payloadType"/>, if present.</summary>
    public static bool TryFindRtpMap(this EquatableArray<SdpAttribute> attributes, int payloadType, [NotNullWhen(true)] out SdpRtpMap? rtpMap)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == SdpAttributeNames.RtpMap && SdpRtpMap.TryParse(attribute.Value, out rtpMap) &&
                rtpMap.PayloadType == payloadType)
            {
                return true;
            }
        }

        rtpMap = null;
        return false;
    }

    /// <summary>The <c>fmtp</c> parameters for <paramref name="format"/>, if present.</summary>
    public static bool TryFindFmtp(this EquatableArray<SdpAttribute> attributes, string format, [NotNullWhen(true)] out string? parameters)
    {
        foreach (SdpAttribute attribute in attributes)
        {
            if (attribute.Name == SdpAttributeNames.Fmtp && SdpFmtp.TryParse(attribute.Value, out SdpFmtp? fmtp) &&
                fmtp.Format == format)
            {
                parameters = fmtp.Parameters;
                return true;
            }
        }

        parameters = null;
        return false;
    }
}
