namespace ContactCenter.Sdp;

/// <summary>
/// A session description (RFC 4566): the session-level lines and the media descriptions.
/// Immutable; change it with <c>with</c> expressions.
/// </summary>
/// <param name="Origin">The <c>o=</c> line.</param>
/// <param name="SessionName">The <c>s=</c> line (<c>-</c> or a single space when there is no name).</param>
public sealed record SdpSession(SdpOrigin Origin, string SessionName)
{
    /// <summary>The <c>i=</c> line.</summary>
    public string? Information { get; init; }

    /// <summary>The <c>u=</c> line.</summary>
    public string? Uri { get; init; }

    /// <summary>The <c>e=</c> lines.</summary>
    public EquatableArray<string> Emails { get; init; }

    /// <summary>The <c>p=</c> lines.</summary>
    public EquatableArray<string> Phones { get; init; }

    /// <summary>The session-level <c>c=</c> line, the default for every media description.</summary>
    public SdpConnection? Connection { get; init; }

    /// <summary>The session-level <c>b=</c> lines.</summary>
    public EquatableArray<SdpBandwidth> Bandwidths { get; init; }

    /// <summary>The <c>t=</c> lines with their <c>r=</c> lines; <c>t=0 0</c> unless told otherwise.</summary>
    public EquatableArray<SdpTiming> Timings { get; init; } = [SdpTiming.Unbounded];

    /// <summary>The <c>z=</c> line's adjustments.</summary>
    public EquatableArray<SdpTimeZoneAdjustment> TimeZones { get; init; }

    /// <summary>The session-level <c>k=</c> line, kept as written.</summary>
    public string? EncryptionKey { get; init; }

    /// <summary>The session-level <c>a=</c> lines in order.</summary>
    public EquatableArray<SdpAttribute> Attributes { get; init; }

    /// <summary>The media descriptions in order.</summary>
    public EquatableArray<SdpMedia> Media { get; init; }

    /// <summary>The session-level direction attribute, if any.</summary>
    public SdpDirection? Direction => Attributes.FindDirection();

    /// <summary>The direction that applies to <paramref name="media"/>: media level, then session level, then sendrecv.</summary>
    public SdpDirection GetDirection(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>The connection that applies to <paramref name="media"/>: media level, else session level.</summary>
    public SdpConnection? GetConnection(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }
}
