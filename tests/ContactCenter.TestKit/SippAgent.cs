using System.Diagnostics;
using System.Globalization;

namespace ContactCenter.TestKit;

/// <summary>
/// An agent's phone played by sipp in the background: it REGISTERs as an extension (digest) and answers the
/// engine's INVITEs with an out-of-call scenario (<c>-oocsf</c>); <c>-rtp_echo</c> sends received audio back.
/// Killed on dispose.
/// </summary>
public sealed class SippAgent : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    private SippAgent(BackgroundProcess process, string extension, int port)
    {
        _process = process;
        Extension = extension;
        Port = port;
    }

    /// <summary>The extension it registered as.</summary>
    public string Extension { get; }

    /// <summary>Its SIP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>What sipp printed, and its error trace.</summary>
    public string Output
    {
        get
        {
            var errors = Directory.GetFiles(_process.Folder!, "*errors*").Select(File.ReadAllText);
            return _process.Output + string.Join('\n', errors);
        }
    }

    /// <summary>
    /// Starts sipp registering <paramref name="extension"/> (password <c>pw</c>+extension) at <paramref name="target"/> and
    /// answering calls with <paramref name="answerScenario"/>; stays up for <paramref name="lifetime"/>. With
    /// <paramref name="tcp"/> it registers over one TCP connection, on which its calls then arrive.
    /// </summary>
    public static SippAgent Start(string extension, string target, string answerScenario, TimeSpan lifetime, bool rtpEcho = true,
        IEnumerable<string>? keys = null, bool tcp = false)
    {
        if (!File.Exists("/usr/bin/sipp"))
        {
            throw new InvalidOperationException("sipp is missing: run 'apt-get install -y sip-tester' (deploy/test.sh does this).");
        }

        var port = FreePorts.Next();
        var work = BackgroundProcess.NewFolder("cc-agent-");
        var info = new ProcessStartInfo("/usr/bin/sipp") { WorkingDirectory = work };
        string[] arguments =
        [
            "-sf", Sipp.Scenario("agent-register.xml"), "-oocsf", Sipp.Scenario(answerScenario),
            "-key", "ext", extension, "-au", extension, "-ap", "pw" + extension,
            "-i", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-m", "1", "-d", ((int)lifetime.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "-timeout", $"{(int)lifetime.TotalSeconds + 10}s", "-nostdin", "-trace_err", "-error_file", Path.Combine(work, "errors.log"),
            .. rtpEcho ? new[] { "-rtp_echo" } : [],
            .. tcp ? new[] { "-t", "t1" } : [],
            .. keys ?? [],
            target,
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new SippAgent(BackgroundProcess.Start(info, work), extension, port);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
