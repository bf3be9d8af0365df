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

    /// <summary>Named files (greeting, menu, queue-position, closed, music-on-hold, ...).</summary>
    public Dictionary<string, string> Files { get; set; } = [];
}
