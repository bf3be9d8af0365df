using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.TestKit.Sip;

/// <summary>One message handed to the fake transport: what, where, and how long after the start.</summary>
public sealed record SentMessage(SipMessage Message, SipEndPoint Destination, TimeSpan At)
{
    /// <summary>The method or status code, for readable assertions.</summary>
    public string Summary => Message is SipResponse r ? r.StatusCode.ToString(CultureInfo.InvariantCulture) : ((SipRequest)Message).Method.Name;
}
