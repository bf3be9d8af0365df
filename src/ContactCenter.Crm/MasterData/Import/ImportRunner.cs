namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// The shape every import has: the file's own problems stop it at once; else each row is checked (progress
/// <c>checking</c>), the problems are reported by line, and only with <c>apply</c> are the good rows written (progress
/// <c>applying</c>) and the import audited.
/// </summary>
internal static class ImportRunner
{
    /// <summary>The most rows one file may have.</summary>
    public const int MaxRows = 500_000;

    /// <summary>
    /// Runs an import of <paramref name="entityType"/> rows: <paramref name="check"/> checks every row, adding problems, and
    /// returns the good rows; <paramref name="write"/> writes them; <paramref name="saveAudit"/> stores the audit entry.
    /// </summary>
    public static async Task<ImportReport> RunAsync<TRow, TGood>(ImportFile<TRow> file, bool applyGoodRows, string entityType, string userName,
        ImportProgress progress, Audit audit, Func<Task> saveAudit, Func<List<ImportProblem>, Task<List<TGood>>> check,
        Func<List<TGood>, Task<BulkResult>> write)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<ImportProblem>(file.FileProblems);
        if (file.Rows.Count > MaxRows)
        {
            problems.Add(new ImportProblem(0, "file", $"A file has at most {MaxRows} rows; split it."));
        }

        if (problems.Count > 0)
        {
            progress.Finish();
            return new ImportReport(file.Rows.Count, 0, false, 0, 0, 0, problems);
        }

        progress.Begin("checking", file.Rows.Count);
        var good = await check(problems);
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        if (!applyGoodRows || good.Count == 0)
        {
            progress.Finish();
            return new ImportReport(file.Rows.Count, good.Count, false, 0, 0, 0, problems);
        }

        progress.Begin("applying", good.Count);
        var result = await write(good);
        if (result.Stopped is { } stopped)
        {
            problems.Add(stopped);
        }

        audit.Record(userName, "import", entityType, null,
            $"rows={file.Rows.Count};created={result.Created};updated={result.Updated};problems={problems.Count}{(result.Stopped is null ? "" : ";stopped")}");
        await saveAudit();
        progress.Finish();
        var unchanged = result.Stopped is null ? good.Count - result.Created - result.Updated : 0;
        return new ImportReport(file.Rows.Count, good.Count, true, result.Created, result.Updated, unchanged, problems);
    }

    /// <summary>Adds the rules' <paramref name="errors"/> to a row's problems, leaving out fields whose value could not even be read.</summary>
    public static void AddRuleErrors(List<ImportProblem> rowProblems, int line, Dictionary<string, string[]> errors)
    {
        var unreadable = rowProblems.Select(p => p.Field).ToHashSet(StringComparer.Ordinal);
        rowProblems.AddRange(errors.Where(e => !unreadable.Contains(e.Key)).SelectMany(e => e.Value.Select(reason => new ImportProblem(line, e.Key, reason))));
    }
}
