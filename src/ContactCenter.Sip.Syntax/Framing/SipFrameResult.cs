namespace ContactCenter.Sip.Syntax.Framing;

/// <summary>What <see cref="SipStreamFramer.TryReadMessage"/> found at the front of a stream.</summary>
public enum SipFrameResult
{
    /// <summary>One whole message was taken; parse it with <see cref="SipParser"/>.</summary>
    Complete,

    /// <summary>More bytes are needed; nothing was consumed.</summary>
    Incomplete,

    /// <summary>The stream cannot be framed (no Content-Length, too big, not SIP): close the connection.</summary>
    Malformed,

    /// <summary>A CRLFCRLF keep-alive ping was consumed (RFC 5626 §3.5.1): answer with one CRLF.</summary>
    Ping,

    /// <summary>A single CRLF (a pong, or stray CRLF between messages, RFC 3261 §7.5) was consumed.</summary>
    Pong,
}
