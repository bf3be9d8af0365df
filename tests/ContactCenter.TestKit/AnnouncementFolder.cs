namespace ContactCenter.TestKit;

/// <summary>A throw-away copy of <c>sip-config/announcements</c>, for hosts whose tests replace announcements.</summary>
public static class AnnouncementFolder
{
    /// <summary>Copies the repository's announcement WAV files to a new temporary folder and returns its path.</summary>
    public static string Copy()
    {
        var folder = Directory.CreateTempSubdirectory("cc-announcements-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "sip-config", "announcements"), "*.wav"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
