using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Crm.MasterData;

/// <summary>Writes one chunk of checked receivables: binary <c>COPY</c> into a staging table, one upsert keyed by external id.</summary>
internal static class ReceivableImportWriter
{
    private const string Upsert = """
        INSERT INTO receivables AS r (id, client_id, document_number, outstanding, due_date, external_id, paid_on)
        SELECT id, client_id, document_number, outstanding, due_date, external_id, paid_on FROM import_receivables
        ON CONFLICT (external_id) DO UPDATE SET client_id = excluded.client_id, document_number = excluded.document_number,
            outstanding = excluded.outstanding, due_date = excluded.due_date, paid_on = excluded.paid_on
        WHERE (r.client_id, r.document_number, r.outstanding, r.due_date, r.paid_on)
            IS DISTINCT FROM (excluded.client_id, excluded.document_number, excluded.outstanding, excluded.due_date, excluded.paid_on)
        RETURNING r.id, r.xmax = 0
        """;

    /// <summary>Writes <paramref name="chunk"/> in the connection's open transaction; returns receivables created and updated.</summary>
    public static async Task<(int Created, int Updated)> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Row> chunk, CancellationToken cancellationToken)
    {
        await BulkChunks.ExecuteAsync(connection, """
            CREATE TEMP TABLE import_receivables (id uuid, client_id uuid, document_number varchar(400), outstanding numeric(14,2), due_date date,
                external_id varchar(64), paid_on date) ON COMMIT DROP
            """, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_receivables (id, client_id, document_number, outstanding, due_date, external_id, paid_on) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var r in chunk.Select(r => r.Receivable))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.ClientId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.DocumentNumber, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(r.Outstanding, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(r.DueDate, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteNullableAsync(r.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteNullableAsync(r.PaidOn, NpgsqlDbType.Date, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var upserted = await BulkChunks.ReturningAsync(connection, Upsert, cancellationToken);
        var created = upserted.Count(u => u.Inserted);
        return (created, upserted.Count - created);
    }

    /// <summary>A checked receivable and the line it came from.</summary>
    public sealed record Row(int Line, Receivable Receivable);
}
