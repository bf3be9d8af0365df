namespace ContactCenter.CallEngine.Media;

/// <summary>One announcement as an admin sees it: its name, its file and what the file holds.</summary>
/// <param name="Name">The name calls and prompts use (e.g. <c>greeting</c>, <c>number-3</c>).</param>
/// <param name="File">The file name in the announcement folder.</param>
/// <param name="Configured">Named in <c>Sip:Announcements:Files</c> (else a prompt piece found in the folder).</param>
/// <param name="Exists">The file is there.</param>
/// <param name="Bytes">The file's size.</param>
/// <param name="SampleRate">The WAV's sample rate, or null when unreadable or missing.</param>
/// <param name="Channels">The WAV's channel count.</param>
/// <param name="Duration">How long it plays.</param>
/// <param name="ModifiedAt">When the file was last written.</param>
public sealed record AnnouncementInfo(string Name, string File, bool Configured, bool Exists, long Bytes, int? SampleRate, int? Channels,
    TimeSpan? Duration, DateTimeOffset? ModifiedAt);
