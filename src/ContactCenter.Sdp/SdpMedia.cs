using System.Diagnostics.CodeAnalysis;

namespace ContactCenter.Sdp;

/// <summary>
/// A media description: the <c>m=</c> line (RFC 4566 §5.14) with its <c>i=</c>, <c>c=</c>,
/// <c>b=</c>, <c>k=</c> and <c>a=</c> lines.
/// </summary>
/// <param name="MediaType"><c>audio</c>, <c>video</c>, <c>application</c>, ...</param>
/// <param name="Port">The transport port; 0 marks a rejected or disabled stream (RFC 3264 §5.1).</param>
/// <param name="Protocol">The transport protocol, e.g. <c>RTP/AVP</c>.</param>
/// <param name="Formats">The media formats; for RTP, payload type numbers in preference order.</param>
public sealed record SdpMedia(string MediaType, int Port, string Protocol, EquatableArray<string> Formats)
{
    /// <summary>The number of ports (<c>m=audio 49170/2 ...</c>), when given.</summary>
    public int? PortCount { get; init; }

    /// <summary>The <c>i=</c> line.</summary>
    public string? Information { get; init; }

    /// <summary>The media-level <c>c=</c> line; it overrides the session level one.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The <c>b=</c> lines.</summary>
    public EquatableArray<SdpBandwidth> Bandwidths { get; init; }

    /// <summary>The <c>k=</c> line, kept as written (obsolete, RFC 4566 §5.12).</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>All <c>a=</c> lines in order, known and unknown.</summary>
    public EquatableArray<SdpAttribute> Attributes { get; init; }

    /// <summary>Whether the stream is rejected or disabled (port 0).</summary>
    public bool IsRejected => Port == 0;

    /// <summary>The media-level direction attribute, if any (see <see cref="SdpSession.GetDirection"/>).</summary>
    public SdpDirection? Direction => Attributes.FindDirection();

    /// <summary><c>a=ptime</c> in milliseconds, if present.</summary>
    public int? Ptime => Attributes.FindInt32(SdpAttributeNames.Ptime);

    /// <summary><c>a=maxptime</c> in milliseconds, if present.</summary>
    public int? MaxPtime => Attributes.FindInt32(SdpAttributeNames.MaxPtime);

    /// <summary><c>a=rtcp</c> (RFC 3605), if present.</summary>
    public SdpRtcp? Rtcp =>
        Attributes.Find(SdpAttributeNames.Rtcp) is { } attribute && SdpRtcp.TryParse(attribute.Value, out SdpRtcp? rtcp)
            ? rtcp
            : null;

    /// <summary>The formats that are RTP payload type numbers, in offer order.</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            for (int i = 0; i < Formats.Count; i++)
            {
                if (SdpNumbers.TryParsePayloadType(Formats[i], out int payloadType))
                {
                    yield return payloadType;
                }
            }
        }
    }

    /// <summary>The <c>rtpmap</c> for <paramref name="payloadType"/>, if present.</summary>
    public bool TryGetRtpMap(int payloadType, [NotNullWhen(true)] out SdpRtpMap? rtpMap) =>
        Attributes.TryFindRtpMap(payloadType, out rtpMap);

    /// <summary>The <c>fmtp</c> parameters for <paramref name="payloadType"/>, if present.</summary>
    public bool TryGetFmtp(int payloadType, [NotNullWhen(true)] out string? parameters) =>
        Attributes.TryFindFmtp(payloadType.ToString(), out parameters);
}
