using System.ComponentModel.DataAnnotations;

namespace ContactCenter.Crm.Documents;

/// <summary>Limits of the reference documents admins upload (<c>Crm:Documents</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Crm:Documents";

    /// <summary>The largest file an admin may upload, in bytes (default 10 MiB).</summary>
    [Range(1_024, 50 * 1024 * 1024)]
    public int MaxFileBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The most documents one e-mail carries.</summary>
    [Range(1, 50)]
    public int MaxAttachments { get; init; } = 10;
}
