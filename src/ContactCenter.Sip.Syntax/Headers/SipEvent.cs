using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>An Event value (RFC 6665 §8.2.1, formerly RFC 3265): event package, optional id and parameters.</summary>
/// <param name="Package">The event type, e.g. <c>refer</c>, <c>dialog</c>, <c>message-summary</c>.</param>
/// <param name="Parameters">All event parameters, including <c>id</c>.</param>
public sealed record SipEvent(string Package, SipParameters Parameters)
{
    /// <summary>The id parameter, or null.</summary>
    public string? Id => Parameters.GetValueOrDefault("id");

    /// <summary>Parses <c>event-type *(SEMI event-param)</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipEvent? sipEvent)
    {
        sipEvent = null;
        if (!ParameterizedValueParser.TryScan(value, SipChars.Token, out var main, out var parameters))
        {
            return false;
        }

        sipEvent = new SipEvent(SipChars.ToText(main), ParameterReader.Read(parameters, uri: false));
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Package + Parameters;
}
