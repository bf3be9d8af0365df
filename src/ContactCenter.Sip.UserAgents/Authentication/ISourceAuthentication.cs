using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>
/// A port for sources whose requests are checked otherwise than an agent's phone's (a browser phone's WebSocket: its
/// short-lived passwords, and only the extension signed in on that connection). The host plugs it in.
/// </summary>
public interface ISourceAuthentication
{
    /// <summary>How requests from <paramref name="source"/> are authenticated, or null when the ordinary authenticator applies.</summary>
    SourceAuthentication? Find(SipEndPoint source);
}
