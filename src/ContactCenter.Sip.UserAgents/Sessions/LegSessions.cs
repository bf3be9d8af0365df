using ContactCenter.Sessions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>What the session layer knows of its own legs behind the port's <see cref="ILegSession"/>.</summary>
internal static class LegSessions
{
    /// <summary>The dialog of <paramref name="leg"/> when it is one of this layer's legs and has one, else null.</summary>
    public static SipDialog? DialogOf(ILegSession? leg) => leg switch
    {
        ServerLegSession server => server.Dialog,
        ClientLegSession client => client.Dialog,
        _ => null,
    };
}
