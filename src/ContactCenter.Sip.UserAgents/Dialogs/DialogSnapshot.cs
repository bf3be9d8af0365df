using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// What it takes to end a confirmed dialog from outside the process that had it (RFC 3261 §12.2.1.1: Call-ID, tags, the
/// parties, the remote target, the route set, our CSeq, and the flow its requests go over).
/// </summary>
public sealed record DialogSnapshot(
    string CallId,
    string LocalTag,
    string RemoteTag,
    bool IsUac,
    string LocalParty,
    string RemoteParty,
    string LocalContact,
    string RemoteTarget,
    IReadOnlyList<string> RouteSet,
    uint LocalSequence,
    bool IsSecure,
    SipTransportProtocol Transport,
    string Flow)
{
    /// <summary>
    /// How far past the journaled CSeq a restored dialog's next request goes: re-INVITEs and UPDATEs after the snapshot used
    /// some (a session refresh every few minutes), and a peer refuses a CSeq at or below its last one (§12.2.2), not a gap.
    /// </summary>
    public const uint SequenceGap = 1_000;

    /// <summary>The snapshot of <paramref name="dialog"/> now.</summary>
    public static DialogSnapshot Of(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return new DialogSnapshot(dialog.Id.CallId, dialog.Id.LocalTag, dialog.Id.RemoteTag, dialog.IsUac, dialog.LocalParty.ToString(),
            dialog.RemoteParty.ToString(), dialog.LocalContact.ToString(), dialog.RemoteTarget.ToString(),
            [.. dialog.RouteSet.Select(r => r.ToString())], dialog.LocalSequenceNumber ?? 0, dialog.IsSecure, dialog.Flow.Protocol,
            dialog.Flow.EndPoint.ToString());
    }

    /// <summary>
    /// The confirmed dialog back, owned by <paramref name="owner"/>, with no handler; its next request carries a CSeq
    /// <see cref="SequenceGap"/> past the journaled one.
    /// </summary>
    internal SipDialog ToDialog(DialogManager owner) =>
        new(owner, new SipDialogId(CallId, LocalTag, RemoteTag), IsUac, SipDialogState.Confirmed, SipNameAddress.Parse(LocalParty),
            SipNameAddress.Parse(RemoteParty), SipNameAddress.Parse(LocalContact), SipUri.Parse(RemoteTarget), [.. RouteSet.Select(SipNameAddress.Parse)],
            LocalSequence + SequenceGap, remoteSequence: null, IsSecure, new SipEndPoint(Transport, IPEndPoint.Parse(Flow)), handler: null);
}
