namespace ContactCenter.Acd.Directory;

/// <summary>A department: its code, name and head.</summary>
public sealed record DirectoryDepartment(string Code, string Name, string? HeadExtension);
