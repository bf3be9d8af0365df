using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Sip.Syntax;

/// <summary>An immutable SIP response.</summary>
public sealed class SipResponse : SipMessage
{
    private readonly Range _reason;
    private string? _reasonPhrase;

    internal SipResponse(byte[] buffer, HeaderEntry[] headers, Range body, int statusCode, Range reason)
        : base(buffer, headers, body)
    {
        StatusCode = statusCode;
        _reason = reason;
    }

    /// <inheritdoc/>
    public override bool IsRequest => false;

    /// <summary>The status code, 100 to 699.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase as received (may be empty).</summary>
    public string ReasonPhrase => _reasonPhrase ??= SipChars.ToText(Buffer.AsSpan(_reason));

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => SipStatusCodes.IsProvisional(StatusCode);

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => SipStatusCodes.IsSuccess(StatusCode);

    /// <summary>A builder holding a copy of this response's status line, headers and body; this response is unchanged.</summary>
    public SipResponseBuilder ToBuilder() => SipResponseBuilder.From(this);

    /// <summary>The status line, e.g. <c>SIP/2.0 200 OK</c>.</summary>
    public override string ToString() => $"SIP/2.0 {StatusCode} {ReasonPhrase}";
}
