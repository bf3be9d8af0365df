namespace ContactCenter.Crm.MasterData.Import;

/// <summary>One thing wrong with one row of an import file: its line (CSV) or element number (JSON), the field, why.</summary>
public sealed record ImportProblem(int Line, string Field, string Reason);

/// <summary>
/// What an import found and did: rows read, rows without problems, and, when the admin chose to apply the good rows,
/// how many were created, updated or already as the file says. <see cref="Applied"/> is false for a check.
/// </summary>
public sealed record ImportReport(int Rows, int Valid, bool Applied, int Created, int Updated, int Unchanged, IReadOnlyList<ImportProblem> Problems);

/// <summary>One row of an import file: where it is in the file, what it gives, and what could not be read.</summary>
public sealed record ImportRow<T>(int Line, T Value, IReadOnlyList<ImportProblem> ReadProblems);

/// <summary>A file read for import: its rows and what is wrong with the file as a whole (header, format).</summary>
public sealed record ImportFile<T>(IReadOnlyList<ImportRow<T>> Rows, IReadOnlyList<ImportProblem> FileProblems);
