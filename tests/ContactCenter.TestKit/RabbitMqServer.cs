using System.Diagnostics;
using System.Net.Sockets;

namespace ContactCenter.TestKit;

/// <summary>
/// A throw-away RabbitMQ broker (Debian's rabbitmq-server) on 127.0.0.1 and free ports, with its node name, data, logs and
/// Erlang cookie in a temporary directory; killed and deleted on dispose. Guest/guest may connect from loopback.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    /// <summary>Where Debian's rabbitmq-server package puts the broker's start script.</summary>
    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    private readonly ProcessStartInfo _info;
    private readonly string _directory;
    private BackgroundProcess _process;

    private RabbitMqServer(ProcessStartInfo info, string directory, int port)
    {
        (_info, _directory) = (info, directory);
        _process = BackgroundProcess.Start(info, folder: null);
        Port = port;
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The broker's address as the host and the CRM service take it (<c>Bus:RabbitMq</c>).</summary>
    public Uri Address => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>
    /// Starts a broker and waits until it accepts AMQP connections (a few seconds). A broker that exits while starting (a
    /// loaded CI machine once saw one stop right after its banner) is started once more, on new ports and a new folder.
    /// </summary>
    public static async Task<RabbitMqServer> StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException("RabbitMQ is missing: run 'apt-get install -y rabbitmq-server' (deploy/test.sh does this).");
        }

        try
        {
            return await StartOnceAsync();
        }
        catch (InvalidOperationException)
        {
            return await StartOnceAsync();
        }
    }

    private static async Task<RabbitMqServer> StartOnceAsync()
    {
        var directory = BackgroundProcess.NewFolder("cc-rabbit-");
        var port = FreePorts.Next();
        var info = new ProcessStartInfo(ServerScript) { WorkingDirectory = directory };
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["HOME"] = directory, // the Erlang cookie
            ["RABBITMQ_NODENAME"] = $"cc{Guid.NewGuid():N}"[..14] + "@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
        })
        {
            info.Environment[name] = value;
        }

        var server = new RabbitMqServer(info, directory, port);
        if (await server.WaitStartedAsync())
        {
            return server;
        }

        var output = server.Output;
        await server.DisposeAsync();
        throw new InvalidOperationException("RabbitMQ did not start:\n" + output);
    }

    /// <summary>Kills the broker (as a crash or a pulled cable would); its data stays for <see cref="RestartAsync"/>.</summary>
    public ValueTask StopAsync() => _process.DisposeAsync();

    /// <summary>Starts the broker again on the same port and data (durable queues, bindings and messages come back).</summary>
    public async Task RestartAsync()
    {
        await _process.DisposeAsync();
        _process = BackgroundProcess.Start(_info, folder: null);
        if (!await WaitStartedAsync())
        {
            throw new InvalidOperationException("RabbitMQ did not start again:\n" + Output);
        }
    }

    private async Task<bool> WaitStartedAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (Output.Contains("Starting broker... completed", StringComparison.Ordinal) && await AcceptsAsync(Port))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>What the broker printed so far.</summary>
    public string Output => _process.Output;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // the broker may still be closing its files; the folder is in /tmp.
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
