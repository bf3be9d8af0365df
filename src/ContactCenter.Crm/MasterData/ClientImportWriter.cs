using ContactCenter.Crm.MasterData.Import;
using ContactCenter.Crm.Model;
using Npgsql;
using NpgsqlTypes;

namespace ContactCenter.Crm.MasterData;

/// <summary>
/// Writes one chunk of checked clients: binary <c>COPY</c> into temporary staging tables, then one set-based upsert keyed
/// by external id that touches only rows whose data differ, and the numbers made to match the file (numbers the file no
/// longer gives removed, new ones added; labels of kept numbers stay).
/// </summary>
internal static class ClientImportWriter
{
    private const string Stage = """
        CREATE TEMP TABLE import_clients (id uuid, external_id varchar(64), name varchar(400), client_type_id uuid, assigned_manager_id uuid,
            price_column integer, credit_limit numeric(14,2), status varchar(16), do_not_call boolean, receivers text[], email varchar(400),
            notes varchar(4000), created_at timestamptz) ON COMMIT DROP;
        CREATE TEMP TABLE import_client_phones (id uuid, client_id uuid, e164 varchar(16)) ON COMMIT DROP;
        """;

    private const string Upsert = """
        INSERT INTO clients AS c (id, external_id, name, client_type_id, assigned_manager_id, price_column, credit_limit, status, do_not_call,
            receivers, email, notes, created_at)
        SELECT id, external_id, name, client_type_id, assigned_manager_id, price_column, credit_limit, status, do_not_call, receivers, email,
            notes, created_at FROM import_clients
        ON CONFLICT (external_id) DO UPDATE SET name = excluded.name, client_type_id = excluded.client_type_id,
            assigned_manager_id = excluded.assigned_manager_id, price_column = excluded.price_column, credit_limit = excluded.credit_limit,
            status = excluded.status, do_not_call = excluded.do_not_call, receivers = excluded.receivers, email = excluded.email, notes = excluded.notes
        WHERE (c.name, c.client_type_id, c.assigned_manager_id, c.price_column, c.credit_limit, c.status, c.do_not_call, c.receivers, c.email, c.notes)
            IS DISTINCT FROM (excluded.name, excluded.client_type_id, excluded.assigned_manager_id, excluded.price_column, excluded.credit_limit,
            excluded.status, excluded.do_not_call, excluded.receivers, excluded.email, excluded.notes)
        RETURNING c.id, c.xmax = 0
        """;

    private const string RemovePhones = """
        DELETE FROM client_phones p USING import_clients s
        WHERE p.client_id = s.id AND NOT EXISTS (SELECT 1 FROM import_client_phones n WHERE n.client_id = p.client_id AND n.e164 = p.e164)
        RETURNING p.client_id
        """;

    private const string AddPhones = """
        INSERT INTO client_phones (id, client_id, e164)
        SELECT n.id, n.client_id, n.e164 FROM import_client_phones n
        WHERE NOT EXISTS (SELECT 1 FROM client_phones p WHERE p.client_id = n.client_id AND p.e164 = n.e164)
        RETURNING client_id
        """;

    /// <summary>Writes <paramref name="chunk"/> in the connection's open transaction; returns clients created and updated.</summary>
    public static async Task<(int Created, int Updated)> WriteAsync(NpgsqlConnection connection, IReadOnlyList<Row> chunk, CancellationToken cancellationToken)
    {
        await BulkChunks.ExecuteAsync(connection, Stage, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_clients (id, external_id, name, client_type_id, assigned_manager_id, price_column, credit_limit, status, do_not_call, "
            + "receivers, email, notes, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var c in chunk.Select(r => r.Client))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteNullableAsync(c.ExternalId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.Name, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.ClientTypeId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteNullableAsync(c.AssignedManagerId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.PriceColumn, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(c.CreditLimit, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(c.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.DoNotCall, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(c.Receivers, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await copy.WriteNullableAsync(c.Email, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteNullableAsync(c.Notes, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_client_phones (id, client_id, e164) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            foreach (var phone in chunk.SelectMany(r => r.Client.Phones.Select(p => (r.Client.Id, p))))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(phone.p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(phone.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(phone.p.E164, NpgsqlDbType.Varchar, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var upserted = await BulkChunks.ReturningAsync(connection, Upsert, cancellationToken);
        var removed = await BulkChunks.ReturningAsync(connection, RemovePhones, cancellationToken);
        var added = await BulkChunks.ReturningAsync(connection, AddPhones, cancellationToken);
        var created = upserted.Where(u => u.Inserted).Select(u => u.Id).ToHashSet();
        var updated = upserted.Where(u => !u.Inserted).Concat(removed).Concat(added).Select(u => u.Id).Where(id => !created.Contains(id)).ToHashSet();
        return (created.Count, updated.Count);
    }

    /// <summary>A checked client and the line it came from.</summary>
    public sealed record Row(int Line, Client Client);
}
