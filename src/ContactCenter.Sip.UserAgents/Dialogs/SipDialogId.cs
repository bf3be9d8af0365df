using ContactCenter.Sip.Syntax;

namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>
/// What identifies a dialog (RFC 3261 §12): Call-ID, local tag and remote tag, compared exactly. A peer that sends
/// no tag (RFC 2543) is recorded with an empty tag.
/// </summary>
/// <param name="CallId">The Call-ID.</param>
/// <param name="LocalTag">Our tag: From tag on our requests, To tag on theirs.</param>
/// <param name="RemoteTag">The peer's tag.</param>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The id of the dialog a request from the peer belongs to (RFC 3261 §12.2.2: local tag from To, remote from From).</summary>
    public static SipDialogId ForReceivedRequest(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new SipDialogId(request.CallId, request.To.Tag ?? string.Empty, request.From.Tag ?? string.Empty);
    }

    /// <summary>The id of the dialog a response to one of our requests belongs to (local tag from From, remote from To).</summary>
    public static SipDialogId ForReceivedResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new SipDialogId(response.CallId, response.From.Tag ?? string.Empty, response.To.Tag ?? string.Empty);
    }

    /// <inheritdoc />
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
