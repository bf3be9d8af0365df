using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>A Content-Type value (RFC 3261 §20.15): type, subtype and parameters.</summary>
/// <param name="Type">The top-level type, e.g. <c>application</c>.</param>
/// <param name="Subtype">The subtype, e.g. <c>sdp</c>.</param>
/// <param name="Parameters">Media parameters such as <c>boundary</c> or <c>charset</c>.</param>
public sealed record SipMediaType(string Type, string Subtype, SipParameters Parameters)
{
    private static readonly SearchValues<byte> MediaChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~/ \t"u8);

    /// <summary>The media type without parameters, e.g. <c>application/sdp</c>.</summary>
    public string MediaType => Type + "/" + Subtype;

    /// <summary>True when the type and subtype match, ignoring case.</summary>
    public bool Is(string type, string subtype) =>
        Type.Equals(type, StringComparison.OrdinalIgnoreCase) && Subtype.Equals(subtype, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>type "/" subtype *(SEMI m-parameter)</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipMediaType? mediaType)
    {
        mediaType = null;
        if (!ParameterizedValueParser.TryScan(value, MediaChars, out var main, out var parameters))
        {
            return false;
        }

        var slash = main.IndexOf(SipChars.Slash);
        if (slash < 0)
        {
            return false;
        }

        var type = SipChars.Trim(main[..slash]);
        var subtype = SipChars.Trim(main[(slash + 1)..]);
        if (!SipChars.IsToken(type) || !SipChars.IsToken(subtype))
        {
            return false;
        }

        mediaType = new SipMediaType(SipChars.ToText(type), SipChars.ToText(subtype), ParameterReader.Read(parameters, uri: false));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => MediaType + Parameters;
}
