namespace ContactCenter.CallEngine.Dialing;

/// <summary>
/// The port through which <see cref="OutboundGuard"/> asks whether a number is on the do-not-call list (clients who asked
/// not to be called). It is asked on every outbound call, so it answers from memory; the host plugs in the CRM's list.
/// The default allows every number.
/// </summary>
public interface IDoNotCallCheck
{
    /// <summary>True when <paramref name="e164"/> must not be called.</summary>
    bool IsDoNotCall(string e164);
}
