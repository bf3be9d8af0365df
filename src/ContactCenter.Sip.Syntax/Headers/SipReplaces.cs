using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>A Replaces value (RFC 3891 §6.1): the dialog to replace.</summary>
/// <param name="CallId">The Call-ID of the dialog to replace.</param>
/// <param name="Parameters">All parameters, including <c>to-tag</c>, <c>from-tag</c> and <c>early-only</c>.</param>
public sealed record SipReplaces(string CallId, SipParameters Parameters)
{
    /// <summary>The to-tag parameter, or null.</summary>
    public string? ToTag => Parameters.GetValueOrDefault("to-tag");

    /// <summary>The from-tag parameter, or null.</summary>
    public string? FromTag => Parameters.GetValueOrDefault("from-tag");

    /// <summary>True when the early-only flag is present.</summary>
    public bool EarlyOnly => Parameters.Contains("early-only");

    /// <summary>Parses <c>callid *(SEMI replaces-param)</c>; to-tag and from-tag are required.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipReplaces? replaces)
    {
        replaces = null;
        if (!ParameterizedValueParser.TryScan(value, SipChars.CallId, out var main, out var parameters))
        {
            return false;
        }

        var result = new SipReplaces(SipChars.ToText(main), ParameterReader.Read(parameters, uri: false));
        if (result.ToTag is null || result.FromTag is null)
        {
            return false;
        }

        replaces = result;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => CallId + Parameters;
}
