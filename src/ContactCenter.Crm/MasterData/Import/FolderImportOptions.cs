namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// The scheduled import from a folder (<c>Crm:Import</c>): off while <see cref="Folder"/> is empty. Every
/// <see cref="Interval"/> the files named <c>clients*</c>, <c>receivables*</c>, <c>products*</c>, <c>prices*</c>
/// (<c>.csv</c> or <c>.json</c>) untouched for <see cref="SettleTime"/> are imported with the good rows applied, in that
/// order, and moved with their report to <c>processed/</c>.
/// </summary>
public sealed class FolderImportOptions
{
    public const string Section = "Crm:Import";

    /// <summary>The folder the accounting system drops its exports into.</summary>
    public string? Folder { get; set; }

    /// <summary>How often the folder is looked at.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a file must be left alone before it is read (so that a file being written is not).</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The name the imports are audited under.</summary>
    public string UserName { get; set; } = "folder-import";
}
