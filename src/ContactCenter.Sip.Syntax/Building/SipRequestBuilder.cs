using System.Globalization;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Building;

/// <summary>Builds new requests, or changed copies of received ones (<see cref="SipRequest.ToBuilder"/>).</summary>
public sealed class SipRequestBuilder : SipMessageBuilder<SipRequestBuilder>
{
    /// <summary>The default Max-Forwards (RFC 3261 §8.1.1.6).</summary>
    public const int DefaultMaxForwards = 70;

    /// <summary>Starts a request with no headers.</summary>
    public SipRequestBuilder(SipMethod method, SipUri requestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        Method = method;
        RequestUri = requestUri;
    }

    /// <summary>The method.</summary>
    public SipMethod Method { get; private set; }

    /// <summary>The Request-URI.</summary>
    public SipUri RequestUri { get; private set; }

    private protected override string StartLine => $"{Method.Name} {RequestUri} SIP/2.0";

    /// <summary>
    /// Starts a request with the headers every request carries (RFC 3261 §8.1.1): Via, Max-Forwards,
    /// From, To, Call-ID and CSeq (method taken from <paramref name="method"/>).
    /// </summary>
    public static SipRequestBuilder Create(SipMethod method, SipUri requestUri, SipVia via, SipNameAddress from, SipNameAddress to,
        string callId, uint sequenceNumber, int maxForwards = DefaultMaxForwards) =>
        new SipRequestBuilder(method, requestUri)
            .PushVia(via)
            .SetMaxForwards(maxForwards)
            .SetFrom(from)
            .SetTo(to)
            .SetCallId(callId)
            .SetCSeq(new SipCSeq(sequenceNumber, method));

    internal static SipRequestBuilder From(SipRequest request)
    {
        var builder = new SipRequestBuilder(request.Method, request.RequestUri);
        builder.CopyFrom(request);
        return builder;
    }

    /// <summary>Changes the method (the CSeq is not touched).</summary>
    public SipRequestBuilder SetMethod(SipMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        Method = method;
        return this;
    }

    /// <summary>Changes the Request-URI.</summary>
    public SipRequestBuilder SetRequestUri(SipUri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        RequestUri = requestUri;
        return this;
    }

    /// <summary>Sets Max-Forwards.</summary>
    public SipRequestBuilder SetMaxForwards(int maxForwards)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxForwards);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxForwards, 255);
        return SetHeader(SipHeaderKind.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Decrements Max-Forwards, or adds it as 70 when absent (RFC 3261 §16.6 step 3). Throws when it is
    /// already 0: the caller must have answered 483 Too Many Hops (§16.3 step 2) instead.
    /// </summary>
    public SipRequestBuilder DecrementMaxForwards()
    {
        var index = IndexOf(SipHeaderKind.MaxForwards);
        if (index < 0)
        {
            return SetMaxForwards(DefaultMaxForwards);
        }

        if (!SipChars.TryParseInt(ValueAt(index), 255, out var value) || value == 0)
        {
            throw new InvalidOperationException("Max-Forwards is 0 or malformed; answer 483 Too Many Hops instead of forwarding.");
        }

        SetValueAt(index, (value - 1).ToString(CultureInfo.InvariantCulture));
        return this;
    }

    /// <summary>Makes the request; throws <see cref="InvalidOperationException"/> when the draft is not a valid request.</summary>
    public SipRequest Build() => BuildMessage<SipRequest>();
}
