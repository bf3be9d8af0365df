namespace ContactCenter.Media.Rtp;

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1, RFC 3611 §2).</summary>
public enum RtcpPacketType : byte
{
    /// <summary>SR, sender report.</summary>
    SenderReport = 200,

    /// <summary>RR, receiver report.</summary>
    ReceiverReport = 201,

    /// <summary>SDES, source description.</summary>
    SourceDescription = 202,

    /// <summary>BYE, goodbye.</summary>
    Goodbye = 203,

    /// <summary>APP, application-defined.</summary>
    ApplicationDefined = 204,

    /// <summary>RTPFB, transport-layer feedback (RFC 4585).</summary>
    TransportFeedback = 205,

    /// <summary>PSFB, payload-specific feedback (RFC 4585).</summary>
    PayloadFeedback = 206,

    /// <summary>XR, extended report (RFC 3611).</summary>
    ExtendedReport = 207,
}
