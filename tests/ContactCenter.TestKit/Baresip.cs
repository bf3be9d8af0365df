using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ContactCenter.TestKit;

/// <summary>
/// baresip (Debian package baresip, 1.0) as a headless agent softphone on 127.0.0.1: a profile folder
/// (<c>config</c>, <c>accounts</c>, <c>contacts</c>) in a temp directory, run as <c>baresip -f DIR -s -t SECONDS</c>.
/// Killed and its profile deleted on dispose.
/// </summary>
/// <remarks>
/// baresip 1.0 uses libre 1.1, whose digest client handles every WWW-Authenticate header of a 401 and
/// gives up with ENOSYS ("Register: Function not implemented") as soon as one of them names an algorithm
/// other than MD5. A registrar that offers MD5 and SHA-256 side by side (RFC 8760) never gets credentials
/// from it: the host under test must challenge with MD5 only.
/// </remarks>
public sealed class Baresip : IAsyncDisposable
{
    /// <summary>The installed binary.</summary>
    public const string Binary = "/usr/bin/baresip";

    private readonly Process _process;
    private readonly string _profile;
    private readonly StringBuilder _output = new();

    private Baresip(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>What baresip printed so far (with <c>-s</c>: every SIP message it sent and received).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts baresip registering <paramref name="extension"/> with <paramref name="password"/> at
    /// <paramref name="target"/> (<c>127.0.0.1:port</c>) over UDP or, with <paramref name="tcp"/>, TCP.
    /// It quits by itself after <paramref name="lifetime"/> (default 60 s) as a safety net. With
    /// <paramref name="tlsTrustedCertificate"/> (a PEM file) it registers over TLS instead, trusting that certificate; with
    /// <paramref name="mandatorySrtp"/> its calls' media must be SDES-SRTP (<c>mediaenc=srtp-mand</c>: RTP/SAVP only).
    /// With <paramref name="dumpAudioTo"/> (a folder) it writes what it sends and hears in each call to WAV files there
    /// (<see cref="HeardAudio"/>).
    /// </summary>
    public static Baresip Start(string extension, string password, string target, bool tcp = false, TimeSpan? lifetime = null,
        string? audioSource = null, string? tlsTrustedCertificate = null, string? dumpAudioTo = null, bool mandatorySrtp = false) =>
        Launch(
            Config(audioSource, dumpAudioTo) + (tlsTrustedCertificate is null ? "" : $"sip_cafile {tlsTrustedCertificate}\n")
                + (mandatorySrtp ? "module srtp.so\n" : ""),
            Account(extension, password, target, tlsTrustedCertificate is not null ? "tls" : tcp ? "tcp" : null)
                .Replace(";answermode=", mandatorySrtp ? ";mediaenc=srtp-mand;answermode=" : ";answermode=", StringComparison.Ordinal),
            lifetime, command: null);

    /// <summary>
    /// Starts baresip as a carrier's caller: no registration, SIP on 127.0.0.1:<paramref name="listenPort"/> (the port the
    /// host trusts as its trunk), calling <paramref name="dialed"/> at <paramref name="target"/> from
    /// <paramref name="caller"/> at once, sending <paramref name="audioSource"/> and, with <paramref name="dumpAudioTo"/>,
    /// keeping what it hears. It hangs up when it quits (<see cref="QuitAsync"/>).
    /// </summary>
    /// <remarks>
    /// With <paramref name="tlsTrustedCertificate"/> it calls over TLS (<paramref name="target"/> is then the host's TLS
    /// listener), trusting that certificate; with <paramref name="mandatorySrtp"/> its media is SDES-SRTP only.
    /// </remarks>
    public static Baresip StartCaller(string caller, string dialed, string target, int listenPort, string audioSource,
        string? dumpAudioTo = null, TimeSpan? lifetime = null, string? tlsTrustedCertificate = null, bool mandatorySrtp = false) =>
        Launch(
            Config(audioSource, dumpAudioTo, listenPort) + "module menu.so\n" + Security(tlsTrustedCertificate, null, mandatorySrtp),
            $"<sip:{caller}@127.0.0.1>;regint=0;audio_codecs=PCMA,PCMU{(mandatorySrtp ? ";mediaenc=srtp-mand" : "")}\n",
            lifetime, command: $"/dial sip:{dialed}@{target}{(tlsTrustedCertificate is null ? "" : ";transport=tls")}");

    /// <summary>
    /// Starts baresip as a carrier taking our calls: no registration, SIP on 127.0.0.1:<paramref name="listenPort"/> (UDP
    /// and TCP) and TLS on the next port with <paramref name="certificateWithKey"/> (a PEM file holding the certificate and
    /// its key), answering every call at once and sending <paramref name="audioSource"/>; with <paramref name="mandatorySrtp"/>
    /// its media is SDES-SRTP only.
    /// </summary>
    public static Baresip StartCallee(string user, int listenPort, string certificateWithKey, string audioSource, bool mandatorySrtp,
        string? dumpAudioTo = null, TimeSpan? lifetime = null) =>
        Launch(
            Config(audioSource, dumpAudioTo, listenPort) + Security(null, certificateWithKey, mandatorySrtp),
            $"<sip:{user}@127.0.0.1>;regint=0;answermode=auto;audio_codecs=PCMA,PCMU{(mandatorySrtp ? ";mediaenc=srtp-mand" : "")}\n",
            lifetime, command: null);

    private static string Security(string? trusted, string? certificate, bool srtp) =>
        (trusted is null ? "" : $"sip_cafile {trusted}\n") + (certificate is null ? "" : $"sip_certificate {certificate}\n") + (srtp ? "module srtp.so\n" : "");

    private static Baresip Launch(string config, string accounts, TimeSpan? lifetime, string? command)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("baresip is missing: run 'apt-get install -y baresip' (deploy/test.sh does this).");
        }

        var profile = Path.Combine(Path.GetTempPath(), "cc-baresip-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(profile);
        try
        {
            File.WriteAllText(Path.Combine(profile, "config"), config);
            File.WriteAllText(Path.Combine(profile, "accounts"), accounts);
            File.WriteAllText(Path.Combine(profile, "contacts"), "");

            var info = new ProcessStartInfo(Binary)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = profile,
            };
            info.ArgumentList.Add("-f");
            info.ArgumentList.Add(profile);
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add("-t");
            info.ArgumentList.Add(((int)(lifetime ?? TimeSpan.FromSeconds(60)).TotalSeconds).ToString(CultureInfo.InvariantCulture));
            if (command is not null)
            {
                info.ArgumentList.Add("-e");
                info.ArgumentList.Add(command);
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start baresip.");
            var baresip = new Baresip(process, profile);
            process.OutputDataReceived += (_, e) => baresip.Append(e.Data);
            process.ErrorDataReceived += (_, e) => baresip.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return baresip;
        }
        catch
        {
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The profile's <c>config</c>: SIP on 127.0.0.1 only (port 0: the kernel picks free UDP and TCP ports and
    /// the Contact names them), DNS pointed at loopback so nothing leaves the machine, G.711 and no sound card.
    /// With <paramref name="audioSource"/> (an 8 kHz mono 16-bit WAV) the phone sends that file as its microphone; with
    /// <paramref name="dumpAudioTo"/> baresip's sndfile filter writes each call's audio there; <paramref name="listenPort"/>
    /// fixes the SIP port (a caller standing for the trunk).
    /// </summary>
    public static string Config(string? audioSource = null, string? dumpAudioTo = null, int listenPort = 0) =>
        $"""
        poll_method epoll
        sip_listen 127.0.0.1:{listenPort.ToString(CultureInfo.InvariantCulture)}
        net_interface 127.0.0.1
        dns_server 127.0.0.1:53
        module_path /usr/lib/baresip/modules
        module g711.so

        """ + (audioSource is null ? "" : $"""
        module aufile.so
        module alsa.so
        audio_source aufile,{audioSource}
        audio_player alsa,null
        audio_alert alsa,null

        """) + (dumpAudioTo is null ? "" : $"""
        module sndfile.so
        snd_path {dumpAudioTo}

        """) + """
        module_tmp account.so

        """;

    /// <summary>
    /// What a phone started with a dump folder heard: the decoded audio of its calls' received streams (sndfile's
    /// <c>dump-*-dec.wav</c>), oldest first, as 8 kHz samples. Read after the call ended (the file is complete then).
    /// </summary>
    public static IReadOnlyList<short[]> HeardAudio(string dumpFolder) =>
        [.. Directory.GetFiles(dumpFolder, "dump-*-dec.wav").Order(StringComparer.Ordinal).Select(ReadSamples)];

    private static short[] ReadSamples(string wav)
    {
        // sndfile writes the header's sizes when the call ends; the samples follow a 44-byte header (16-bit mono PCM).
        var bytes = File.ReadAllBytes(wav);
        var samples = new short[Math.Max(0, (bytes.Length - 44) / 2)];
        Buffer.BlockCopy(bytes, 44, samples, 0, samples.Length * 2);
        return samples;
    }

    /// <summary>The profile's <c>accounts</c> line for one extension; <paramref name="transport"/> null means UDP.</summary>
    public static string Account(string extension, string password, string target, string? transport) =>
        $"<sip:{extension}@{target}{(transport is null ? "" : ";transport=" + transport)}>;auth_pass={password};regint=60;answermode=auto;audio_codecs=PCMU,PCMA\n";

    /// <summary>Waits until baresip printed <paramref name="text"/>; false when it exited or the time ran out first.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(deadline.Token); // drain the output readers
                    return Output.Contains(text, StringComparison.Ordinal);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, deadline.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Asks baresip to quit as Ctrl+C would (SIGTERM: it un-registers, then exits) and waits up to
    /// <paramref name="timeout"/>; returns its exit code.
    /// </summary>
    public async Task<int> QuitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"baresip did not quit within {timeout} of SIGTERM:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_profile, recursive: true);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
