using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Sip.Syntax;

/// <summary>An immutable SIP request.</summary>
public sealed class SipRequest : SipMessage
{
    private readonly Range _requestUri;
    private SipUri? _uri;

    internal SipRequest(byte[] buffer, HeaderEntry[] headers, Range body, SipMethod method, Range requestUri)
        : base(buffer, headers, body)
    {
        Method = method;
        _requestUri = requestUri;
    }

    /// <inheritdoc/>
    public override bool IsRequest => true;

    /// <summary>The method.</summary>
    public SipMethod Method { get; }

    /// <summary>The Request-URI.</summary>
    public SipUri RequestUri =>
        _uri ??= SipUriParser.TryParse(Buffer.AsSpan(_requestUri), out var uri)
            ? uri
            : throw new SipParseException("The Request-URI did not parse although the message was validated.");

    /// <summary>A builder holding a copy of this request's start line, headers and body; this request is unchanged.</summary>
    public SipRequestBuilder ToBuilder() => SipRequestBuilder.From(this);

    /// <summary>The request line, e.g. <c>INVITE sip:bob@example.com SIP/2.0</c>.</summary>
    public override string ToString() => $"{Method} {SipChars.ToText(Buffer.AsSpan(_requestUri))} SIP/2.0";
}
