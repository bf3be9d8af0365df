using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>Grammar for comma-separated token lists: Supported, Require, Proxy-Require, Unsupported, Allow, Allow-Events.</summary>
public static class TokenListParser
{
    /// <summary>Parses a token list; an empty value is an empty list (RFC 3261 §20.37 allows an empty Supported).</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out IReadOnlyList<string>? tokens)
    {
        tokens = null;
        var list = new List<string>();
        if (!TryAppend(value, list))
        {
            return false;
        }

        tokens = list;
        return true;
    }

    internal static bool TryAppend(ReadOnlySpan<byte> value, List<string>? tokens)
    {
        var splitter = new HeaderValueSplitter(value);
        while (splitter.MoveNext())
        {
            if (!SipChars.IsToken(splitter.Current))
            {
                return false;
            }

            tokens?.Add(SipChars.ToText(splitter.Current));
        }

        return splitter.Balanced;
    }
}
