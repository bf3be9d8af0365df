using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// An immutable sip, sips or tel URI (or any other absolute URI, kept as text).
/// <see cref="ToString"/> gives the text exactly as parsed or built.
/// </summary>
public sealed class SipUri
{
    private readonly string _text;

    internal SipUri(ReadOnlySpan<byte> text, in UriParts parts)
    {
        _text = SipChars.ToText(text);
        Scheme = parts.Scheme;
        SchemeName = Scheme switch
        {
            SipUriScheme.Sip => "sip",
            SipUriScheme.Sips => "sips",
            SipUriScheme.Tel => "tel",
            _ => _text[..parts.SchemeLength].ToLowerInvariant(),
        };
        if (Scheme == SipUriScheme.Other)
        {
            Parameters = SipParameters.Empty;
            Headers = SipParameters.Empty;
            return;
        }

        User = parts.HasUser ? SipChars.Unescape(text[parts.User]) : null;
        Password = parts.HasPassword ? SipChars.Unescape(text[parts.Password]) : null;
        Host = Scheme == SipUriScheme.Tel ? null : SipChars.ToText(text[parts.Host]);
        Port = parts.Port;
        Parameters = ParameterReader.Read(text[parts.Parameters], uri: true);
        Headers = ReadHeaders(text[parts.Headers]);
    }

    /// <summary>The scheme.</summary>
    public SipUriScheme Scheme { get; }

    /// <summary>The scheme name in lower case (<c>sip</c>, <c>sips</c>, <c>tel</c>, ...).</summary>
    public string SchemeName { get; }

    /// <summary>The user part, unescaped (for tel URIs, the telephone number); null when absent.</summary>
    public string? User { get; }

    /// <summary>The password, unescaped; null when absent.</summary>
    public string? Password { get; }

    /// <summary>The host (IPv6 references keep their brackets); null for tel and other schemes.</summary>
    public string? Host { get; }

    /// <summary>The port, or null when the URI names none.</summary>
    public int? Port { get; }

    /// <summary>The uri-parameters, as written (not unescaped).</summary>
    public SipParameters Parameters { get; }

    /// <summary>The uri-headers (<c>?a=b&amp;c=d</c>), as written (not unescaped).</summary>
    public SipParameters Headers { get; }

    /// <summary>True for sips URIs.</summary>
    public bool IsSecure => Scheme == SipUriScheme.Sips;

    /// <summary>The <c>transport</c> parameter, or null.</summary>
    public string? Transport => Parameters.GetValueOrDefault("transport");

    /// <summary>The <c>user</c> parameter (e.g. <c>phone</c>), or null.</summary>
    public string? UserParameter => Parameters.GetValueOrDefault("user");

    /// <summary>The <c>method</c> parameter, or null.</summary>
    public string? MethodParameter => Parameters.GetValueOrDefault("method");

    /// <summary>The <c>maddr</c> parameter, or null.</summary>
    public string? MAddr => Parameters.GetValueOrDefault("maddr");

    /// <summary>The <c>ttl</c> parameter, or null when absent or not a number in 0..255.</summary>
    public int? Ttl => int.TryParse(Parameters.GetValueOrDefault("ttl"), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) && ttl <= 255 ? ttl : null;

    /// <summary>True when the <c>lr</c> parameter is present (RFC 3261 §19.1.1 loose routing).</summary>
    public bool IsLooseRouter => Parameters.Contains("lr");

    /// <summary>Parses a URI; throws <see cref="FormatException"/> when it is not well formed.</summary>
    public static SipUri Parse(string text) =>
        TryParse(text, out var uri) ? uri : throw new FormatException($"Not a valid URI: '{text}'.");

    /// <summary>Parses a URI; false when it is not well formed.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        return text is not null && SipUriParser.TryParse(Encoding.UTF8.GetBytes(text), out uri);
    }

    /// <summary>Builds a sip or sips URI, escaping the user part as needed.</summary>
    public static SipUri Create(SipUriScheme scheme, string? user, string host, int? port = null, IEnumerable<SipParameter>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (scheme is not (SipUriScheme.Sip or SipUriScheme.Sips))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Only sip and sips URIs have a host.");
        }

        var sb = new StringBuilder(64).Append(scheme == SipUriScheme.Sips ? "sips:" : "sip:");
        if (!string.IsNullOrEmpty(user))
        {
            sb.Append(SipChars.Escape(user, SipChars.User)).Append('@');
        }

        sb.Append(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host);
        if (port is not null)
        {
            sb.Append(':').Append(port.Value);
        }

        SipParameters.Create(parameters).AppendTo(sb, ';');
        return Parse(sb.ToString());
    }

    /// <summary>Returns a copy with the named uri-parameter set (null value: a flag such as <c>lr</c>).</summary>
    public SipUri WithParameter(string name, string? value) => Rebuild(Parameters.With(name, value), Headers);

    /// <summary>Returns a copy without the named uri-parameter.</summary>
    public SipUri WithoutParameter(string name) => Rebuild(Parameters.Without(name), Headers);

    /// <summary>Returns a copy without uri-headers (RFC 3261 §8.1.1.1: not allowed in a Request-URI).</summary>
    public SipUri WithoutHeaders() => Headers.Count == 0 ? this : Rebuild(Parameters, SipParameters.Empty);

    /// <summary>
    /// Compares two URIs by the rules of RFC 3261 §19.1.4: user and password case-sensitive after
    /// unescaping, host case-insensitive, transport/user/method/ttl/maddr must agree when either has
    /// them, other parameters only when both have them, headers must agree.
    /// </summary>
    public bool IsEquivalentTo(SipUri other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Scheme != other.Scheme || Scheme == SipUriScheme.Other)
        {
            return Scheme == other.Scheme && string.Equals(_text, other._text, StringComparison.OrdinalIgnoreCase);
        }

        if (User != other.User || Password != other.Password || Port != other.Port
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var p in Parameters)
        {
            var inOther = other.Parameters.TryGetValue(p.Name, out var otherValue);
            if ((inOther || IsMandatoryComparison(p.Name)) && !string.Equals(p.Value, otherValue, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var p in other.Parameters)
        {
            if (IsMandatoryComparison(p.Name) && !Parameters.Contains(p.Name))
            {
                return false;
            }
        }

        return Headers.Count == other.Headers.Count
            && Headers.All(h => other.Headers.Any(o => o.Name.Equals(h.Name, StringComparison.OrdinalIgnoreCase) && o.Value == h.Value));
    }

    /// <inheritdoc/>
    public override string ToString() => _text;

    private static bool IsMandatoryComparison(string name) =>
        name.Equals("transport", StringComparison.OrdinalIgnoreCase) || name.Equals("user", StringComparison.OrdinalIgnoreCase)
        || name.Equals("method", StringComparison.OrdinalIgnoreCase) || name.Equals("ttl", StringComparison.OrdinalIgnoreCase)
        || name.Equals("maddr", StringComparison.OrdinalIgnoreCase);

    private static SipParameters ReadHeaders(ReadOnlySpan<byte> tail)
    {
        if (tail.Length < 2)
        {
            return SipParameters.Empty;
        }

        var body = tail[1..];
        var items = new List<SipParameter>();
        foreach (var range in body.Split(SipChars.Ampersand))
        {
            var header = body[range];
            var eq = header.IndexOf(SipChars.Equal);
            items.Add(new SipParameter(SipChars.ToText(header[..eq]), SipChars.ToText(header[(eq + 1)..])));
        }

        return SipParameters.FromArray([.. items]);
    }

    private SipUri Rebuild(SipParameters parameters, SipParameters headers)
    {
        if (Scheme == SipUriScheme.Other)
        {
            throw new InvalidOperationException("Parameters of a URI with an unknown scheme cannot be changed.");
        }

        // The user part may itself contain ';' and '?' (RFC 3261 §25.1 user-unreserved), so search after the host.
        var text = _text.AsSpan();
        var host = HostStart(text);
        var end = text[host..].IndexOf('?');
        var core = end < 0 ? text : text[..(host + end)];
        var sb = new StringBuilder(_text.Length + 16);
        var semi = core[host..].IndexOf(';');
        semi = semi < 0 ? -1 : host + semi;
        sb.Append(semi < 0 ? core : core[..semi]);
        parameters.AppendTo(sb, ';');
        for (var i = 0; i < headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(headers[i].Name).Append('=').Append(headers[i].Value);
        }

        return Parse(sb.ToString());
    }

    private int HostStart(ReadOnlySpan<char> text) =>
        User is null || Scheme == SipUriScheme.Tel ? SchemeName.Length : Math.Max(text.IndexOf('@'), SchemeName.Length);
}
