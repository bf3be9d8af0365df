using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Recordings;

/// <summary>The recordings catalogue: who may download, where files may be, how long they are kept.</summary>
public sealed class RecordingOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Crm:Recordings";

    /// <summary>Recordings older than this many days are deleted by the retention job (the catalogue row and its audit stay).</summary>
    [Range(1, 36_500)]
    public int RetentionDays { get; set; } = 365;

    /// <summary>How often the retention job looks for recordings past the retention period.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Roles that may download a recording (everyone who may search recordings may play them).</summary>
    public List<string> DownloadRoles { get; set; } = ["Admin"];

    /// <summary>
    /// When set, only files inside this folder are played, downloaded or deleted (the host sets it to
    /// <c>Sip:Recording:Directory</c>); a catalogued path outside it is refused.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>True when <paramref name="path"/> may be read or deleted under <see cref="Directory"/>.</summary>
    public bool Allows(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!System.IO.Path.IsPathFullyQualified(path))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(Directory))
        {
            return true;
        }

        var root = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(Directory)) + System.IO.Path.DirectorySeparatorChar;
        return System.IO.Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal);
    }
}
