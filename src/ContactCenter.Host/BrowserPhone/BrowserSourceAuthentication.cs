using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// Requests over a browser phone's WebSocket (its own calls) are checked with the browser passwords (the browser
/// registrar's authenticator) and may come only from the extension signed in on that connection.
/// </summary>
public sealed class BrowserSourceAuthentication(BrowserRegistrar registrar, BrowserPhoneConnections connections) : ISourceAuthentication
{
    /// <inheritdoc />
    public SourceAuthentication? Find(SipEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.Protocol is SipTransportProtocol.Ws or SipTransportProtocol.Wss
            ? new SourceAuthentication(registrar.Authenticator, connections.ExtensionOf(source))
            : null;
    }
}
