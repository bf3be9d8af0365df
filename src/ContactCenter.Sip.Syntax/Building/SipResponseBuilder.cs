using System.Diagnostics.CodeAnalysis;
using ContactCenter.Sip.Syntax.Headers;

namespace ContactCenter.Sip.Syntax.Building;

/// <summary>Builds responses: from scratch, for a request (RFC 3261 §8.2.6), or as changed copies of received ones.</summary>
public sealed class SipResponseBuilder : SipMessageBuilder<SipResponseBuilder>
{
    /// <summary>Starts a response with no headers; the reason phrase defaults to the code's usual one.</summary>
    public SipResponseBuilder(int statusCode, string? reasonPhrase = null) => SetStatus(statusCode, reasonPhrase);

    /// <summary>The status code.</summary>
    public int StatusCode { get; private set; }

    /// <summary>The reason phrase.</summary>
    public string ReasonPhrase { get; private set; } = string.Empty;

    private protected override string StartLine => $"SIP/2.0 {StatusCode} {ReasonPhrase}";

    /// <summary>
    /// Starts a response to <paramref name="request"/> as RFC 3261 §8.2.6.2 asks: the Via lines (in
    /// order), From, To, Call-ID and CSeq copied, and Timestamp for 100 Trying (§8.2.6.1). When
    /// <paramref name="toTag"/> is given and To has no tag yet, it is added. Record-Route is a dialog
    /// matter and is not copied here.
    /// </summary>
    public static SipResponseBuilder ForRequest(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new SipResponseBuilder(statusCode, reasonPhrase);
        foreach (var h in request.Headers)
        {
            var copy = h.Kind switch
            {
                SipHeaderKind.Via or SipHeaderKind.From or SipHeaderKind.CallId or SipHeaderKind.CSeq => true,
                SipHeaderKind.Timestamp => statusCode == SipStatusCodes.Trying,
                _ => false,
            };
            if (copy)
            {
                builder.AddHeader(h.Kind, h.GetValueString());
            }
            else if (h.Kind == SipHeaderKind.To)
            {
                var to = h.GetValueString();
                builder.AddHeader(SipHeaderKind.To, toTag is not null && request.To.Tag is null ? to + ";tag=" + toTag : to);
            }
        }

        return builder;
    }

    /// <summary>
    /// Makes the answer to a request that failed to parse (RFC 3261 §21.4.1 400, §21.5.6 505, §21.5.7 513),
    /// with <paramref name="error"/>'s status and reason, when its Via, From, To, Call-ID and CSeq
    /// lines can still be read. False when they cannot: then the request is only dropped.
    /// </summary>
    public static bool TryCreateForMalformedRequest(ReadOnlySpan<byte> datagram, in SipParseError error, string? toTag,
        [NotNullWhen(true)] out SipResponse? response)
    {
        response = null;
        if (!error.IsRequest)
        {
            return false;
        }

        var builder = new SipResponseBuilder(error.StatusCode, error.Reason);
        var found = SipCoreHeaders.None;
        var lines = datagram[..Math.Min(datagram.Length, SipParserLimits.DefaultMaxMessageBytes)];
        var end = lines.IndexOf("\r\n\r\n"u8);
        lines = end < 0 ? lines : lines[..end];
        foreach (var range in lines.Split(SipChars.Lf))
        {
            var line = SipChars.Trim(lines[range].TrimEnd(SipChars.Cr));
            var colon = line.IndexOf(SipChars.Colon);

            // A bare CR inside a line (found by fuzzing) cannot go into a header value: the line is not copied.
            if (colon <= 0 || line.Contains(SipChars.Cr) || line.IndexOfAny(SipChars.Whitespace) is >= 0 and var ws && ws < colon && SipChars.Trim(line[ws..colon]).Length > 0)
            {
                continue;
            }

            var kind = SipHeaderNames.Lookup(SipChars.Trim(line[..colon]));
            var flag = kind switch
            {
                SipHeaderKind.Via => SipCoreHeaders.Via,
                SipHeaderKind.From => SipCoreHeaders.From,
                SipHeaderKind.To => SipCoreHeaders.To,
                SipHeaderKind.CallId => SipCoreHeaders.CallId,
                SipHeaderKind.CSeq => SipCoreHeaders.CSeq,
                _ => SipCoreHeaders.None,
            };
            if (flag == SipCoreHeaders.None || (flag != SipCoreHeaders.Via && (found & flag) != 0))
            {
                continue;
            }

            found |= flag;
            var value = SipChars.ToText(SipChars.Trim(line[(colon + 1)..]));
            builder.AddHeader(kind, flag == SipCoreHeaders.To && toTag is not null && !value.Contains(";tag=", StringComparison.OrdinalIgnoreCase)
                ? value + ";tag=" + toTag
                : value);
        }

        if (found != SipCoreHeaders.All || !builder.TryBuildMessage(out var message, out _))
        {
            return false;
        }

        response = (SipResponse)message!;
        return true;
    }

    internal static SipResponseBuilder From(SipResponse response)
    {
        var builder = new SipResponseBuilder(response.StatusCode, response.ReasonPhrase);
        builder.CopyFrom(response);
        return builder;
    }

    /// <summary>Changes the status; the reason phrase defaults to the code's usual one.</summary>
    public SipResponseBuilder SetStatus(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (reasonPhrase is not null && reasonPhrase.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A reason phrase must not contain CR or LF.", nameof(reasonPhrase));
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase ?? SipStatusCodes.GetReasonPhrase(statusCode);
        return this;
    }

    /// <summary>Makes the response; throws <see cref="InvalidOperationException"/> when the draft is not a valid response.</summary>
    public SipResponse Build() => BuildMessage<SipResponse>();
}
