namespace ContactCenter.Crm.MasterData.Import;

/// <summary>An import of one kind of record (clients, receivables, products, prices), keyed by the accounting system's ids.</summary>
/// <typeparam name="T">A row as the file gives it.</typeparam>
public interface IImporter<T>
{
    /// <summary>
    /// Checks every row of <paramref name="file"/> and, with <paramref name="applyGoodRows"/>, writes the good ones in
    /// bounded chunks; re-importing the same file changes nothing.
    /// </summary>
    Task<ImportReport> RunAsync(ImportFile<T> file, bool applyGoodRows, string userName, ImportProgress progress, CancellationToken cancellationToken);
}
