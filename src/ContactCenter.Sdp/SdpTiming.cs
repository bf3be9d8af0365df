namespace ContactCenter.Sdp;

/// <summary>The <c>t=</c> line and the <c>r=</c> lines that follow it (RFC 4566 §5.9, §5.10).</summary>
/// <param name="Start">NTP start time, 0 for unbounded.</param>
/// <param name="Stop">NTP stop time, 0 for unbounded.</param>
public sealed record SdpTiming(ulong Start, ulong Stop)
{
    /// <summary>The <c>r=</c> repeat times for this timing.</summary>
    public EquatableArray<SdpRepeatTime> Repeats { get; init; }

    /// <summary><c>t=0 0</c>: a permanent session, what every SIP call uses.</summary>
    public static SdpTiming Unbounded { get; } = new(0, 0);
}
