namespace ContactCenter.Sessions;

/// <summary>Whom a leg is offered to: an agent's extension (its registered phones) or an outside number (through the trunk).</summary>
/// <param name="Number">The extension, or the outside number in E.164.</param>
/// <param name="IsExtension">True for an extension, false for an outside number.</param>
public sealed record LegTarget(string Number, bool IsExtension)
{
    /// <summary>For an outside number, the trunk (by name) that carries the leg; null: the installation's only configured trunk.</summary>
    public string? Trunk { get; init; }

    /// <summary>An agent's extension: the session layer rings its registered phones.</summary>
    public static LegTarget Extension(string extension) => new(extension, IsExtension: true);

    /// <summary>An outside number: the session layer calls it through the trunk.</summary>
    public static LegTarget Outside(string e164, string? trunk = null) => new(e164, IsExtension: false) { Trunk = trunk };
}
