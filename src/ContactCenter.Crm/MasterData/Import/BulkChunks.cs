using System.Data;
using ContactCenter.Crm.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Crm.MasterData.Import;

/// <summary>
/// Writes an import's good rows in chunks of <see cref="Size"/>, one transaction each, so that a file of any size takes
/// bounded memory per step and the console sees progress. A chunk the database refuses for its data (a constraint a
/// concurrent edit broke) stops the import there: the chunks before it stay, the problem names the chunk's first line,
/// and importing the file again finishes the job (imports are idempotent).
/// </summary>
internal static class BulkChunks
{
    /// <summary>Rows per transaction.</summary>
    public const int Size = 5_000;

    /// <summary>
    /// Runs <paramref name="writeChunk"/> over <paramref name="rows"/> chunk by chunk on the context's connection; returns
    /// rows created and updated, and the problem that stopped it, if any.
    /// </summary>
    public static async Task<BulkResult> WriteAsync<T>(CrmDbContext db, IReadOnlyList<T> rows, Func<T, int> line,
        Func<NpgsqlConnection, IReadOnlyList<T>, CancellationToken, Task<(int Created, int Updated)>> writeChunk, ImportProgress progress,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var (created, updated) = (0, 0);
            for (var start = 0; start < rows.Count; start += Size)
            {
                var chunk = rows.Skip(start).Take(Size).ToList();
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                try
                {
                    var (c, u) = await writeChunk(connection, chunk, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    (created, updated) = (created + c, updated + u);
                    progress.Advance(chunk.Count);
                }
                catch (PostgresException ex) when (ex.SqlState.StartsWith("23", StringComparison.Ordinal) || ex.SqlState.StartsWith("22", StringComparison.Ordinal))
                {
                    await transaction.RollbackAsync(CancellationToken.None);
                    return new BulkResult(created, updated, new ImportProblem(line(chunk[0]), "file",
                        $"The database refused the rows from this line on ({ex.MessageText}); the rows before it were applied: fix and import the file again."));
                }
            }

            return new BulkResult(created, updated, null);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs <paramref name="sql"/>; returns each row's first column (an id) and, when there is one, its second (inserted?).</summary>
    public static async Task<List<(Guid Id, bool Inserted)>> ReturningAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<(Guid, bool)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add((reader.GetGuid(0), reader.FieldCount > 1 && reader.GetBoolean(1)));
        }

        return ids;
    }

    /// <summary>Runs <paramref name="sql"/> (temporary staging tables).</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Writes a text that may be null.</summary>
    public static Task WriteNullableAsync(this NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    /// <summary>Writes a value that may be null.</summary>
    public static Task WriteNullableAsync<TValue>(this NpgsqlBinaryImporter importer, TValue? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where TValue : struct =>
        value is { } given ? importer.WriteAsync(given, type, cancellationToken) : importer.WriteNullAsync(cancellationToken);
}

/// <summary>What <see cref="BulkChunks"/> wrote, and what stopped it.</summary>
internal sealed record BulkResult(int Created, int Updated, ImportProblem? Stopped);
