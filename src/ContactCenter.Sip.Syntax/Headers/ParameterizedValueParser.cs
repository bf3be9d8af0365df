using System.Buffers;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// Grammar shared by headers of the shape <c>value *(SEMI generic-param)</c>: Content-Type, Event,
/// Session-Expires, Replaces, Subscription-State, Content-Disposition.
/// </summary>
internal static class ParameterizedValueParser
{
    /// <summary>Splits at the first ';', checks the value against <paramref name="valueChars"/> and the parameters.</summary>
    public static bool TryScan(ReadOnlySpan<byte> value, SearchValues<byte> valueChars, out ReadOnlySpan<byte> main, out ReadOnlySpan<byte> parameters)
    {
        value = SipChars.Trim(value);
        var semi = value.IndexOf(SipChars.Semicolon);
        main = SipChars.Trim(semi < 0 ? value : value[..semi]);
        parameters = semi < 0 ? default : value[semi..];
        return !main.IsEmpty && !main.ContainsAnyExcept(valueChars) && ParameterReader.Validate(parameters, uri: false);
    }
}
