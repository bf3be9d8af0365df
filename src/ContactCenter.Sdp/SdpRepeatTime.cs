namespace ContactCenter.Sdp;

/// <summary>
/// An <c>r=</c> line (RFC 4566 §5.10). The times are kept as written (typed times such as
/// <c>7d</c> or <c>3600</c>) so that they round-trip unchanged.
/// </summary>
/// <param name="Interval">The repeat interval.</param>
/// <param name="ActiveDuration">How long each repetition lasts.</param>
/// <param name="Offsets">Offsets from the start time, at least one.</param>
public sealed record SdpRepeatTime(string Interval, string ActiveDuration, EquatableArray<string> Offsets);
