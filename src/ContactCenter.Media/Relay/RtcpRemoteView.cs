namespace ContactCenter.Media.Relay;

/// <summary>What the leg's far end last reported about the stream we send it (its RTCP reception report).</summary>
/// <param name="FractionLost">Share of our packets it lost in its last interval, 0 to 1.</param>
/// <param name="CumulativeLost">Our packets it lost since the start.</param>
/// <param name="Jitter">The inter-arrival jitter it measured.</param>
/// <param name="RoundTrip">The round trip from our last SR to its report (RFC 3550 §6.4.1); null before it echoed one.</param>
/// <param name="ReceivedAt">When the report arrived.</param>
public readonly record struct RtcpRemoteView(double FractionLost, long CumulativeLost, TimeSpan Jitter, TimeSpan? RoundTrip, DateTimeOffset ReceivedAt);
