namespace ContactCenter.Crm.Model;

/// <summary>The bytes of a <see cref="ReferenceDocument"/>'s file, kept apart so that lists never load them.</summary>
public sealed class ReferenceFile
{
    /// <summary>The document's id.</summary>
    public Guid DocumentId { get; set; }

    public required byte[] Content { get; set; }
}
