using Npgsql;

namespace ContactCenter.TestKit;

/// <summary>
/// A throw-away PostgreSQL 15 server on 127.0.0.1 and a free port, in a temporary directory,
/// with fsync off. Runs the installed Debian binaries; as root, through the postgres user
/// (PostgreSQL refuses to run as root). Stopped and deleted on dispose.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian's postgresql-15 package puts the server binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private string _serverOptions = "";

    private PostgresServer(string directory, int port, bool asPostgresUser)
    {
        _directory = directory;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    /// <summary>TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>
    /// Starts a new server: for tests without fsync (nothing to keep), or <paramref name="durable"/> with PostgreSQL's own
    /// defaults (every commit flushed), as a production server runs, for benchmarks.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                "PostgreSQL 15 server binaries are missing: run 'apt-get install -y postgresql' (deploy/test.sh does this).");
        }

        var asPostgresUser = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "cc-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (asPostgresUser)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", directory], TimeSpan.FromSeconds(10));
        }

        var port = FreePorts.Next();
        var server = new PostgresServer(directory, port, asPostgresUser);
        var data = Path.Combine(directory, "data");
        try
        {
            await server.PgAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"], TimeSpan.FromSeconds(120));
            server._serverOptions = $"-c listen_addresses=127.0.0.1 -p {port} -k {directory} -c max_connections=300"
                + (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            await server.PgAsync("pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", Path.Combine(directory, "server.log"), "-o", server._serverOptions], TimeSpan.FromSeconds(90));
            return server;
        }
        catch
        {
            // A failed start leaves no postmaster and no temp folder behind (STYLE §12).
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres",
            Pooling = true, MaxPoolSize = 50, Timeout = 15, IncludeErrorDetail = true,
            // Every test has its own database, so its own pool: idle connections of finished tests are closed soon rather
            // than after Npgsql's 300 s, which let a busy collection reach the server's max_connections (CI, 53300).
            ConnectionIdleLifetime = 10, ConnectionPruningInterval = 2,
        }.ConnectionString;

    /// <summary>Creates a database, optionally as a copy of <paramref name="template"/>.</summary>
    public async Task CreateDatabaseAsync(string name, string? template = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops database <paramref name="name"/> if it exists, ending any connection to it.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server at once (clients see their connections cut, new ones refused), keeping its data.</summary>
    public async Task StopAsync()
    {
        await PgAsync("pg_ctl", ["stop", "-D", Path.Combine(_directory, "data"), "-m", "fast", "-w"], TimeSpan.FromSeconds(30));
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public Task RestartAsync() =>
        PgAsync("pg_ctl", ["start", "-D", Path.Combine(_directory, "data"), "-w", "-t", "60", "-l", Path.Combine(_directory, "server.log"), "-o", _serverOptions],
            TimeSpan.FromSeconds(90));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["stop", "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w"], TimeSpan.FromSeconds(30));
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: it is a temp directory
        }
    }

    /// <summary>Runs one of the server's tools (pgbench, psql, ...) against it as its owner; returns the output.</summary>
    public Task<string> RunToolAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout) =>
        PgAsync(tool, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", .. arguments], timeout);

    private Task<string> PgAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var path = Path.Combine(BinDirectory, tool);
        return _asPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], timeout)
            : ProcessRunner.RunAsync(path, arguments, timeout);
    }
}
