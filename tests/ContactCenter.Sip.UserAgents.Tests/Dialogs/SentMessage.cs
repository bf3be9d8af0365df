using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Tests.Dialogs;

/// <summary>One message handed to the fake transport.</summary>
internal sealed record SentMessage(SipMessage Message, SipEndPoint Destination, TimeSpan At)
{
    public string Summary => Message is SipResponse r ? r.StatusCode.ToString(CultureInfo.InvariantCulture) : ((SipRequest)Message).Method.Name;
}
