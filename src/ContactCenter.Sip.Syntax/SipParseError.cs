namespace ContactCenter.Sip.Syntax;

/// <summary>What a message failed on.</summary>
public enum SipParseErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Nothing but whitespace or CRLFs.</summary>
    Empty,

    /// <summary>The start line is not a Request-Line or Status-Line.</summary>
    BadStartLine,

    /// <summary>The Request-URI is not an absolute URI (or has whitespace or angle brackets).</summary>
    BadRequestUri,

    /// <summary>The SIP-Version is not SIP/2.0: answer 505 (RFC 3261 §21.5.6).</summary>
    VersionNotSupported,

    /// <summary>A header line has no colon, a bad name, or a continuation line with nothing to continue.</summary>
    BadHeaderLine,

    /// <summary>A core header's value does not match its grammar; see <see cref="SipParseError.Header"/>.</summary>
    BadHeaderValue,

    /// <summary>A mandatory header (Via, From, To, Call-ID, CSeq) is missing.</summary>
    MissingHeader,

    /// <summary>A header that must appear once appears more than once.</summary>
    DuplicateHeader,

    /// <summary>More header lines than <see cref="SipParserLimits.MaxHeaderCount"/>.</summary>
    TooManyHeaders,

    /// <summary>A line longer than <see cref="SipParserLimits.MaxLineLength"/>.</summary>
    LineTooLong,

    /// <summary>More Via elements than <see cref="SipParserLimits.MaxViaCount"/>.</summary>
    TooManyVias,

    /// <summary>The message is larger than <see cref="SipParserLimits.MaxMessageBytes"/>: answer 513 (RFC 3261 §21.5.7).</summary>
    MessageTooLarge,

    /// <summary>The header section has no terminating empty line.</summary>
    Truncated,

    /// <summary>Content-Length is larger than the bytes that follow the headers (RFC 3261 §18.3).</summary>
    ContentLengthExceedsBody,
}

/// <summary>
/// Why and where a message failed to parse, and what the transport may answer.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Offset">Byte offset in the input where the problem was found.</param>
/// <param name="Reason">A short English description, usable as a reason phrase (RFC 3261 §21.4.1).</param>
/// <param name="Header">The header at fault, when there is one.</param>
/// <param name="ReadableHeaders">Which core headers were read and well formed before parsing stopped.</param>
/// <param name="IsRequest">True when the start line was read as a request (only requests are answered).</param>
public readonly record struct SipParseError(
    SipParseErrorKind Kind,
    int Offset,
    string Reason,
    SipHeaderKind Header,
    SipCoreHeaders ReadableHeaders,
    bool IsRequest)
{
    /// <summary>The status a UAS should answer with: 505, 513, or 400 for everything else.</summary>
    public int StatusCode => Kind switch
    {
        SipParseErrorKind.VersionNotSupported => SipStatusCodes.VersionNotSupported,
        SipParseErrorKind.MessageTooLarge => SipStatusCodes.MessageTooLarge,
        _ => SipStatusCodes.BadRequest,
    };

    /// <summary>True when this was a request whose Via, From, To, Call-ID and CSeq were readable, so it can be answered.</summary>
    public bool CanRespond => IsRequest && (ReadableHeaders & SipCoreHeaders.All) == SipCoreHeaders.All;

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} at byte {Offset}: {Reason}";
}
