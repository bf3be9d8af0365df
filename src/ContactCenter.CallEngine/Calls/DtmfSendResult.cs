namespace ContactCenter.CallEngine.Calls;

/// <summary>What asking a live call to send DTMF digits to the client came to.</summary>
public enum DtmfSendResult
{
    /// <summary>The digits were sent as RFC 4733 events.</summary>
    Sent,

    /// <summary>No such live call.</summary>
    NoSuchCall,

    /// <summary>The call is not answered (no media to send in).</summary>
    NotAnswered,

    /// <summary>The call has no client leg (an internal call between extensions).</summary>
    NoClientLeg,

    /// <summary>The client's leg negotiated no telephone-event.</summary>
    NoTelephoneEvent,

    /// <summary>Digits are being sent to this call already.</summary>
    Busy,

    /// <summary>Not DTMF digits (0-9, *, #, A-D).</summary>
    InvalidDigits,
}
