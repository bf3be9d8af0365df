namespace ContactCenter.Sip.UserAgents.Dialogs;

/// <summary>What a dialog says about a request the peer sent within it (RFC 3261 §12.2.2, §14.2; RFC 3311 §5.2).</summary>
internal enum DialogRequestCheck
{
    /// <summary>In order; the dialog state was updated (remote CSeq, remote target).</summary>
    Accepted,

    /// <summary>The dialog has ended: 481.</summary>
    Gone,

    /// <summary>CSeq lower than or equal to the last one: 500.</summary>
    OutOfOrder,

    /// <summary>An INVITE (or an UPDATE with an offer) while ours is pending: 491.</summary>
    Glare,
}
