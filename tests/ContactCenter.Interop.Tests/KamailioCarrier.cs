using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Kamailio as a SIP carrier (Kamailio/carrier-registrar.cfg): it challenges our REGISTER with digest for one account,
/// keeps the binding, and delivers calls for the account to wherever it registered; or, with carrier-invite-auth.cfg, it
/// challenges the INVITEs we send it and relays the authorized ones to a client phone. Killed on dispose.
/// </summary>
internal sealed class KamailioCarrier : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/kamailio";
    private readonly BackgroundProcess _process;

    private KamailioCarrier(BackgroundProcess process, int port, string account, string password)
    {
        _process = process;
        Port = port;
        Account = account;
        Password = password;
    }

    public int Port { get; }

    public string Account { get; }

    public string Password { get; }

    public string Target => $"127.0.0.1:{Port}";

    public string Output => _process.Output;

    /// <summary>How many times <paramref name="what"/> occurs in Kamailio's log so far.</summary>
    public int CountInOutput(string what)
    {
        var text = Output;
        var count = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// How many requests Kamailio logged <paramref name="what"/> for, told apart by the CSeq the line ends with: a
    /// retransmission (one that crossed our answer on a loaded machine) is the same request.
    /// </summary>
    public int CountRequests(string what) =>
        System.Text.RegularExpressions.Regex.Matches(Output, System.Text.RegularExpressions.Regex.Escape(what) + @"[^\n]*cseq (\d+)")
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Host arguments that register <see cref="Account"/> here (with <paramref name="password"/>) and trust calls from here as the trunk.</summary>
    public string[] HostArguments(string? password = null, string contactUser = "7000", string retryDelay = "00:00:02") =>
    [
        "--Sip:Registrations:0:Name=carrier", "--Sip:Registrations:0:Address=127.0.0.1",
        $"--Sip:Registrations:0:Port={Port}", $"--Sip:Registrations:0:User={Account}",
        $"--Sip:Registrations:0:Password={password ?? Password}", $"--Sip:Registrations:0:ContactUser={contactUser}",
        $"--Sip:Registrations:0:RetryDelay={retryDelay}", "--Sip:Registrations:0:Expires=120",
        "--Sip:Trunk:Address=127.0.0.1", $"--Sip:Trunk:Port={Port}",
    ];

    /// <summary>Host arguments that send outside numbers here as the trunk and answer its challenges as <see cref="Account"/>.</summary>
    public string[] TrunkArguments(string? password = null) =>
    [
        "--Sip:Trunk:Address=127.0.0.1", $"--Sip:Trunk:Port={Port}",
        $"--Sip:Trunk:AuthUser={Account}", $"--Sip:Trunk:Password={password ?? Password}",
    ];

    public static async Task<KamailioCarrier> StartAsync(string account = "cc-trunk", string password = "carrier-s3cret",
        string config = "carrier-registrar.cfg", params string[] defines)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException("kamailio is missing: run 'apt-get install -y kamailio' (deploy/test.sh does this).");
        }

        var port = FreePorts.Next();
        var folder = BackgroundProcess.NewFolder("cc-kamailio-");
        var configPath = Path.Combine(AppContext.BaseDirectory, "Kamailio", config);
        var info = new ProcessStartInfo(Binary) { WorkingDirectory = folder };
        foreach (var argument in new[]
        {
            "-f", configPath, "-DD", "-E", "-n", "2", "-m", "64", "-M", "8", "-Y", folder,
            "-A", $"LISTEN_PORT={port.ToString(CultureInfo.InvariantCulture)}", "-A", $"ACCOUNT=\"{account}\"",
            "-A", $"PASSWORD=\"{password}\"", "-A", $"CTL_SOCK=\"unix:{Path.Combine(folder, "ctl")}\"",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var define in defines)
        {
            info.ArgumentList.Add("-A");
            info.ArgumentList.Add(define);
        }

        var process = BackgroundProcess.Start(info, folder);
        var carrier = new KamailioCarrier(process, port, account, password);
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            if (process.Output.Contains(Path.GetFileNameWithoutExtension(config), StringComparison.Ordinal) || IsListening(port))
            {
                return carrier;
            }

            await Task.Delay(100);
        }

        var output = process.Output;
        await carrier.DisposeAsync();
        throw new InvalidOperationException("Kamailio did not start:\n" + output);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static bool IsListening(int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            return false; // we could bind it: Kamailio has not yet
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
