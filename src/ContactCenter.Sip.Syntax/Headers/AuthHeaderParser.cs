using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sip.Syntax.Headers;

/// <summary>
/// Grammar for challenges and credentials (RFC 3261 §20.7, §20.27, §20.28, §20.44, §25.1):
/// <c>auth-scheme LWS auth-param *(COMMA auth-param)</c>, <c>auth-param = token EQUAL (token / quoted-string)</c>.
/// </summary>
public static class AuthHeaderParser
{
    /// <summary>Parses one Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate value.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, [NotNullWhen(true)] out SipAuthHeader? header)
    {
        header = null;
        value = SipChars.Trim(value);
        var space = value.IndexOfAny(SipChars.Whitespace);
        var scheme = space < 0 ? value : value[..space];
        if (!SipChars.IsToken(scheme))
        {
            return false;
        }

        var parameters = new List<SipParameter>();
        var splitter = new HeaderValueSplitter(space < 0 ? default : value[space..]);
        while (splitter.MoveNext())
        {
            var param = splitter.Current;
            var eq = param.IndexOf(SipChars.Equal);
            if (eq < 0)
            {
                return false;
            }

            var name = SipChars.Trim(param[..eq]);
            var paramValue = SipChars.Trim(param[(eq + 1)..]);
            var quoted = !paramValue.IsEmpty && paramValue[0] == SipChars.Quote;
            if (!SipChars.IsToken(name)
                || (quoted ? SipChars.FindQuotedEnd(paramValue, 0) != paramValue.Length : !SipChars.IsToken(paramValue)))
            {
                return false;
            }

            parameters.Add(new SipParameter(SipChars.ToText(name), SipChars.ToText(paramValue)));
        }

        if (!splitter.Balanced)
        {
            return false;
        }

        header = new SipAuthHeader(SipChars.ToText(scheme), SipParameters.FromArray([.. parameters]));
        return true;
    }
}
