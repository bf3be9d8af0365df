namespace ContactCenter.Media.Relay;

/// <summary>The values of <see cref="MediaMetrics.ReasonTag"/>: a fixed set, so peers cannot grow the metric.</summary>
internal static class MediaDropReasons
{
    public const string NotMedia = "not_media";
    public const string UnexpectedSource = "unexpected_source";
    public const string NoDestination = "no_destination";
    public const string NoHandler = "no_handler";
    public const string PayloadType = "payload_type";
    public const string OnHold = "on_hold";
    public const string SendFailed = "send_failed";
    public const string SrtpRejected = "srtp_rejected";
}
