namespace ContactCenter.TestKit;

/// <summary>The outcome of one sipp run.</summary>
/// <param name="ExitCode">0 when every call succeeded (sipp's own verdict).</param>
/// <param name="Output">What sipp printed.</param>
/// <param name="Errors">sipp's error trace file, if it wrote one.</param>
public sealed record SippResult(int ExitCode, string Output, string Errors)
{
    /// <summary>Every SIP message sipp sent and received (its <c>-trace_msg</c> file), when asked for; else empty.</summary>
    public string Messages { get; init; } = "";
}

/// <summary>Runs sipp (Debian package sip-tester) against a target on 127.0.0.1, with a call limit and a timeout.</summary>
public static class Sipp
{
    /// <summary>Path of the scenario folder of the interop tests, next to the test assembly.</summary>
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    /// <summary>
    /// Runs <paramref name="scenario"/> from <paramref name="localAddress"/>:<paramref name="localPort"/> (another
    /// 127.0.0.0/8 address stands for another machine) to <paramref name="target"/>, with <c>-m calls</c>;
    /// <paramref name="tcp"/> picks one TCP connection (<c>-t t1</c>) instead of UDP; <paramref name="traceMessages"/>
    /// keeps every message sent and received (<see cref="SippResult.Messages"/>).
    /// </summary>
    public static async Task<SippResult> RunAsync(string scenario, string target, int localPort, bool tcp = false,
        int calls = 1, IEnumerable<string>? extraArguments = null, TimeSpan? timeout = null, string localAddress = "127.0.0.1", bool traceMessages = false)
    {
        if (!File.Exists("/usr/bin/sipp"))
        {
            throw new InvalidOperationException("sipp is missing: run 'apt-get install -y sip-tester' (deploy/test.sh does this).");
        }

        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var work = Path.Combine(Path.GetTempPath(), "cc-sipp-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(work);
        try
        {
            var errorFile = Path.Combine(work, "errors.log");
            var messageFile = Path.Combine(work, "messages.log");
            string[] arguments =
            [
                "-sf", scenario, "-i", localAddress, "-p", localPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-t", tcp ? "t1" : "u1", "-m", calls.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-timeout", $"{(int)limit.TotalSeconds}s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", errorFile,
                .. traceMessages ? (string[])["-trace_msg", "-message_file", messageFile] : [],
                .. extraArguments ?? [],
                target,
            ];
            var (exitCode, output) = await ProcessRunner.TryRunAsync("/usr/bin/sipp", arguments, limit + TimeSpan.FromSeconds(15), work);
            var errors = File.Exists(errorFile) ? await File.ReadAllTextAsync(errorFile) : "";
            var messages = File.Exists(messageFile) ? await File.ReadAllTextAsync(messageFile) : "";
            return new SippResult(exitCode, output, errors) { Messages = messages };
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
