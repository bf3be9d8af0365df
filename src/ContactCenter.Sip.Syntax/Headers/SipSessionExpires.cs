using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>A Session-Expires value (RFC 4028 §4): interval in seconds and optional refresher.</summary>
/// <param name="Seconds">The session interval.</param>
/// <param name="Parameters">All parameters, including <c>refresher</c>.</param>
public sealed record SipSessionExpires(int Seconds, SipParameters Parameters)
{
    /// <summary>The refresher parameter (<c>uac</c> or <c>uas</c>), or null.</summary>
    public string? Refresher => Parameters.GetValueOrDefault("refresher");

    /// <summary>Parses <c>delta-seconds *(SEMI se-params)</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipSessionExpires? sessionExpires)
    {
        sessionExpires = null;
        if (!ParameterizedValueParser.TryScan(value, SipChars.Digits, out var main, out var parameters)
            || !SipChars.TryParseInt(main, int.MaxValue, out var seconds))
        {
            return false;
        }

        sessionExpires = new SipSessionExpires(seconds, ParameterReader.Read(parameters, uri: false));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + Parameters;
}
