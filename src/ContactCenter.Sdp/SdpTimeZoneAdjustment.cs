namespace ContactCenter.Sdp;

/// <summary>One pair of a <c>z=</c> line (RFC 4566 §5.11); the offset is kept as written (e.g. <c>-1h</c>).</summary>
/// <param name="AdjustmentTime">NTP time at which the adjustment applies.</param>
/// <param name="Offset">The typed-time offset.</param>
public sealed record SdpTimeZoneAdjustment(ulong AdjustmentTime, string Offset);
