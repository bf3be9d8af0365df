using System.Globalization;
using System.Text;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// A name-addr or addr-spec with header parameters: From, To, Contact, Route, Record-Route, Refer-To,
/// P-Asserted-Identity. <see cref="ToString"/> gives the wire text.
/// </summary>
public sealed class SipNameAddress
{
    private readonly string _text;

    internal SipNameAddress(ReadOnlySpan<byte> value, in NameAddrParts parts, SipUri uri)
    {
        _text = SipChars.ToText(value);
        DisplayName = parts.HasDisplayName ? SipChars.Unquote(value[parts.DisplayName]) : null;
        Uri = uri;
        Parameters = ParameterReader.Read(value[parts.Parameters], uri: false);
    }

    /// <summary>The display name without quotes or escapes, or null.</summary>
    public string? DisplayName { get; }

    /// <summary>The address.</summary>
    public SipUri Uri { get; }

    /// <summary>The header parameters (after the URI), in order.</summary>
    public SipParameters Parameters { get; }

    /// <summary>The tag parameter (From/To, RFC 3261 §19.3), or null.</summary>
    public string? Tag => Parameters.GetValueOrDefault("tag");

    /// <summary>The Contact expires parameter in seconds, or null when absent or not a number.</summary>
    public int? Expires =>
        int.TryParse(Parameters.GetValueOrDefault("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : null;

    /// <summary>The Contact q parameter (0 to 1), or null when absent or malformed.</summary>
    public double? Q =>
        double.TryParse(Parameters.GetValueOrDefault("q"), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1
            ? q
            : null;

    /// <summary>Creates <c>"Display" &lt;uri&gt;;params</c> (angle brackets always).</summary>
    public static SipNameAddress Create(SipUri uri, string? displayName = null, IEnumerable<SipParameter>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var sb = new StringBuilder(96);
        if (!string.IsNullOrEmpty(displayName))
        {
            sb.Append(SipChars.QuoteString(displayName)).Append(' ');
        }

        sb.Append('<').Append(uri).Append('>');
        SipParameters.Create(parameters).AppendTo(sb, ';');
        return Parse(sb.ToString());
    }

    /// <summary>Parses one element; throws <see cref="FormatException"/> when it is not well formed.</summary>
    public static SipNameAddress Parse(string value) =>
        NameAddrParser.TryParse(Encoding.UTF8.GetBytes(value), out var address)
            ? address
            : throw new FormatException($"Not a valid name-addr: '{value}'.");

    /// <summary>Returns a copy with the tag set (replacing any existing tag).</summary>
    public SipNameAddress WithTag(string tag) => WithParameter("tag", tag);

    /// <summary>Returns a copy with the named header parameter set.</summary>
    public SipNameAddress WithParameter(string name, string? value) =>
        Create(Uri, DisplayName, Parameters.With(name, value));

    /// <inheritdoc/>
    public override string ToString() => _text;
}
