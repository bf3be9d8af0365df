using System.Text;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// A challenge or credentials value: WWW-Authenticate, Proxy-Authenticate, Authorization,
/// Proxy-Authorization. <see cref="ToString"/> redacts secrets (style guide §8); use
/// <see cref="ToHeaderValue"/> for the wire text.
/// </summary>
public sealed class SipAuthHeader
{
    private static readonly string[] Secrets = ["response", "cnonce", "nonce", "opaque", "password", "auts"];

    internal SipAuthHeader(string scheme, SipParameters parameters)
    {
        Scheme = scheme;
        Parameters = parameters;
    }

    /// <summary>The auth-scheme, e.g. <c>Digest</c>.</summary>
    public string Scheme { get; }

    /// <summary>The auth-params as on the wire (quoted values keep their quotes).</summary>
    public SipParameters Parameters { get; }

    /// <summary>Creates a value; parameter values are written as given (quote them with <see cref="QuoteValue"/>).</summary>
    public static SipAuthHeader Create(string scheme, IEnumerable<SipParameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        var header = new SipAuthHeader(scheme, SipParameters.Create(parameters));
        return AuthHeaderParser.TryParse(Encoding.UTF8.GetBytes(header.ToHeaderValue()), out var parsed)
            ? parsed
            : throw new ArgumentException("The scheme or a parameter is not well formed.", nameof(parameters));
    }

    /// <summary>Makes a quoted-string of <paramref name="value"/>, escaping quotes and backslashes.</summary>
    public static string QuoteValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SipChars.QuoteString(value);
    }

    /// <summary>Gets a parameter's value with quotes and escapes removed; names are case-insensitive.</summary>
    public bool TryGet(string name, out string value)
    {
        if (Parameters.TryGetValue(name, out var raw) && raw is not null)
        {
            value = SipChars.Unquote(Encoding.UTF8.GetBytes(raw));
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>True when the scheme is <paramref name="scheme"/>, ignoring case.</summary>
    public bool IsScheme(string scheme) => Scheme.Equals(scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value as written on the wire, secrets included.</summary>
    public string ToHeaderValue() => Write(redact: false);

    /// <summary>The value with nonces, responses and passwords replaced by <c>***</c>, safe to log.</summary>
    public override string ToString() => Write(redact: true);

    private string Write(bool redact)
    {
        var sb = new StringBuilder(128).Append(Scheme);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            var secret = redact && Array.Exists(Secrets, s => s.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
            sb.Append(i == 0 ? " " : ", ").Append(p.Name).Append('=').Append(secret ? "***" : p.Value);
        }

        return sb.ToString();
    }
}
