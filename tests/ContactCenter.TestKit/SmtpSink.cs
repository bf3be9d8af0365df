using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ContactCenter.TestKit;

/// <summary>
/// A throw-away SMTP server (Debian's python3-aiosmtpd) on 127.0.0.1 and a free port that saves every message it accepts
/// as an <c>.eml</c> file; optionally refusing every recipient (550). Stopped and restarted on the same port to play an
/// outage; killed and deleted on dispose.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>Where Debian's python3-aiosmtpd installs the module.</summary>
    public const string Module = "/usr/lib/python3/dist-packages/aiosmtpd/__init__.py";

    private const string Script = """
        import os, sys, threading, uuid
        from aiosmtpd.controller import Controller

        class Save:
            def __init__(self, folder, refuse):
                self.folder, self.refuse = folder, refuse

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if self.refuse:
                    return '550 5.1.1 No such mailbox'
                envelope.rcpt_tos.append(address)
                return '250 OK'

            async def handle_DATA(self, server, session, envelope):
                name = os.path.join(self.folder, uuid.uuid4().hex)
                with open(name + '.tmp', 'wb') as f:
                    f.write(envelope.original_content or envelope.content)
                os.rename(name + '.tmp', name + '.eml')
                return '250 Message accepted for delivery'

        folder, port, refuse = sys.argv[1], int(sys.argv[2]), sys.argv[3] == 'refuse'
        controller = Controller(Save(folder, refuse), hostname='127.0.0.1', port=port)
        controller.start()
        print('listening', flush=True)
        threading.Event().wait()
        """;

    private readonly string _folder;
    private readonly bool _refuse;
    private BackgroundProcess? _process;

    private SmtpSink(string folder, int port, bool refuse) => (_folder, Port, _refuse) = (folder, port, refuse);

    /// <summary>The SMTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Where the messages are saved.</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>Starts a server (refusing every recipient when <paramref name="refuseRecipients"/>) and waits until it listens.</summary>
    public static async Task<SmtpSink> StartAsync(bool refuseRecipients = false)
    {
        if (!File.Exists(Module))
        {
            throw new InvalidOperationException("aiosmtpd is missing: run 'apt-get install -y python3-aiosmtpd' (deploy/test.sh does this).");
        }

        var sink = new SmtpSink(BackgroundProcess.NewFolder("cc-smtp-"), FreePorts.Next(), refuseRecipients);
        Directory.CreateDirectory(sink.MailFolder);
        await File.WriteAllTextAsync(Path.Combine(sink._folder, "sink.py"), Script);
        await sink.RestartAsync();
        return sink;
    }

    /// <summary>Kills the server (its port refuses connections until <see cref="RestartAsync"/>); saved messages stay.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the server again on the same port and folder, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        // Debian's own interpreter: the package is installed for it (a python3 earlier on PATH, e.g. pyenv's, lacks it).
        _process = BackgroundProcess.Start(new ProcessStartInfo("/usr/bin/python3")
        {
            ArgumentList = { Path.Combine(_folder, "sink.py"), MailFolder, Port.ToString(CultureInfo.InvariantCulture), _refuse ? "refuse" : "accept" },
        }, folder: null);
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"The SMTP sink did not start on {Port}:\n{_process.Output}");
    }

    /// <summary>The messages saved so far (raw RFC 5322 bytes), oldest first.</summary>
    public IReadOnlyList<byte[]> Messages() =>
        [.. new DirectoryInfo(MailFolder).GetFiles("*.eml").OrderBy(f => f.LastWriteTimeUtc).Select(f => File.ReadAllBytes(f.FullName))];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // /tmp is cleaned anyway.
        }
    }
}
