using System.ComponentModel.DataAnnotations;

namespace ContactCenter.CallEngine.Configuration;

/// <summary>Announcement WAV files (section <c>Sip:Announcements</c>), relative to <see cref="Directory"/>.</summary>
public sealed class AnnouncementOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Sip:Announcements";

    /// <summary>Folder of the files; a relative folder is taken from <see cref="BaseDirectory"/>.</summary>
    public string Directory { get; set; } = "announcements";

    /// <summary>The folder relative paths start from (the host sets it to the sip-config folder).</summary>
    public string? BaseDirectory { get; set; }

    /// <summary>The largest WAV file an admin may upload to replace an announcement (10 MB: about 10 minutes of 8 kHz 16-bit mono).</summary>
    [Range(1_024, 200_000_000, ErrorMessage = "Sip:Announcements:MaxUploadBytes must be from 1 KB to 200 MB.")]
    public long MaxUploadBytes { get; set; } = 10_000_000;

    /// <summary>Named files (greeting, menu, queue-position, closed, music-on-hold, ...).</summary>
    public Dictionary<string, string> Files { get; set; } = [];
}
