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

    private readonly BackgroundProcess _process;

    private RabbitMqServer(BackgroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The broker's address as the host and the CRM service take it (<c>Bus:RabbitMq</c>).</summary>
    public Uri Address => new($"amqp://guest:guest@127.0.0.1:{Port}/");

    /// <summary>Starts a broker and waits until it accepts AMQP connections (a few seconds).</summary>
    public static async Task<RabbitMqServer> StartAsync()
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException("RabbitMQ is missing: run 'apt-get install -y rabbitmq-server' (deploy/test.sh does this).");
        }

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

        var server = new RabbitMqServer(BackgroundProcess.Start(info, directory), port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && !server._process.HasExited)
        {
            if (server.Output.Contains("Starting broker... completed", StringComparison.Ordinal) && await AcceptsAsync(port))
            {
                return server;
            }

            await Task.Delay(200);
        }

        var output = server.Output;
        await server.DisposeAsync();
        throw new InvalidOperationException("RabbitMQ did not start:\n" + output);
    }

    /// <summary>What the broker printed so far.</summary>
    public string Output => _process.Output;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

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
