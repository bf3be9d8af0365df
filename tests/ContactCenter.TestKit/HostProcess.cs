using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace ContactCenter.TestKit;

/// <summary>The real ContactCenter host as a child process on 127.0.0.1 and free ports; killed on dispose.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly BackgroundProcess _process;
    private readonly string? _ownSpool;

    private HostProcess(BackgroundProcess process, int httpPort, int sipPort, bool https, string? ownSpool)
    {
        _process = process;
        _ownSpool = ownSpool;
        BaseAddress = new Uri($"{(https ? "https" : "http")}://127.0.0.1:{httpPort}/");
        SipPort = sipPort;
    }

    /// <summary>Where the host's HTTP API listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>The SIP target for sipp and softphones, <c>127.0.0.1:port</c>.</summary>
    public string SipTarget => $"127.0.0.1:{SipPort}";

    /// <summary>The call-event spool folder the host was given by <see cref="StartAsync(string, IEnumerable{string}?, bool, bool, int?)"/> (deleted on dispose), or null when the test named one.</summary>
    public string? OwnSpool => _ownSpool;

    /// <summary>What the host printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>How many times <paramref name="text"/> occurs in what the host printed so far.</summary>
    public int CountInOutput(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var output = _process.Output;
        var count = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Waits up to <paramref name="within"/> (5 s by default) for <paramref name="text"/> in the host's output and returns
    /// the output: the console logger writes on its own thread, so a line may follow an HTTP answer by a moment.
    /// </summary>
    public async Task<string> OutputContainingAsync(string text, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(5));
        while (!_process.Output.Contains(text, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return _process.Output;
    }


    /// <summary>
    /// Starts the host on <paramref name="connectionString"/> and waits until <c>/health/ready</c> says "Healthy" (or, with
    /// <paramref name="acceptDegraded"/>, answers 200 at all: for a host started while its database or broker is down).
    /// Unless the arguments name one, the host gets a call-event spool folder of its own, deleted on dispose.
    /// </summary>
    /// <remarks>
    /// The ports are free when picked, but the host binds them seconds later (after its migrations), and test processes
    /// run side by side: when another process took one meanwhile ("Address already in use"), the host is started again on
    /// new ports, up to three times.
    /// </remarks>
    public static async Task<HostProcess> StartAsync(string connectionString, IEnumerable<string>? arguments = null, bool seed = true,
        bool acceptDegraded = false, int? sipPort = null)
    {
        var given = (arguments ?? []).ToList();
        string? ownSpool = null;
        if (!given.Exists(a => a.StartsWith(SpoolSetting, StringComparison.Ordinal)))
        {
            ownSpool = Path.Combine(Path.GetTempPath(), "cc-spool-" + Guid.NewGuid().ToString("N"));
            given.Add($"{SpoolSetting}={ownSpool}");
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.Next();
            var sip = sipPort ?? FreePorts.Next();
            try
            {
                return await StartAsync(CreateStartInfo(connectionString, port, sip, seed, given), port, sip, ownSpool, acceptDegraded);
            }
            catch (InvalidOperationException ex) when (attempt < 3 && ex.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                // another test process bound one of the ports first: new ones
            }
        }
    }

    /// <summary>The host's setting for its call-event spool folder, as a command-line argument prefix.</summary>
    public const string SpoolSetting = "--CallEvents:Spool:Directory";

    /// <summary>
    /// Starts the CRM service (<c>ContactCenter.Crm.Service</c>: the CRM's consumers in their own process) on
    /// <paramref name="connectionString"/> and the broker <paramref name="rabbitMq"/>; waits until <c>/health/ready</c> answers 200.
    /// </summary>
    public static Task<HostProcess> StartCrmServiceAsync(string connectionString, Uri rabbitMq, IEnumerable<string>? arguments = null)
    {
        var port = FreePorts.Next();
        var info = DotnetStartInfo(RepositoryPaths.CrmServiceAssembly);
        foreach (var argument in (IEnumerable<string>)[$"--ConnectionStrings:Crm={connectionString}", $"--Bus:RabbitMq={rabbitMq}", $"--Http:Port={port}", .. arguments ?? []])
        {
            info.ArgumentList.Add(argument);
        }

        return StartAsync(info, port, sipPort: 0, ownSpool: null, acceptDegraded: false);
    }

    private static async Task<HostProcess> StartAsync(ProcessStartInfo info, int port, int sipPort, string? ownSpool, bool acceptDegraded)
    {
        // A host given a certificate serves HTTPS only (the tests' certificates are self-signed: trusted by this client only).
        var https = info.ArgumentList.Any(a => a.StartsWith("--Http:CertificatePath=", StringComparison.Ordinal));
        var process = BackgroundProcess.Start(info, folder: null);
        var host = new HostProcess(process, port, sipPort, https, ownSpool);

        using var client = new HttpClient(host.CreateHandler()) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{host.Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                // The host answers 200 while "Degraded" (e.g. still migrating): wait for "Healthy" unless told otherwise.
                if (response.IsSuccessStatusCode && (acceptDegraded || IsHealthy(await response.Content.ReadAsStringAsync())))
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }

            await Task.Delay(100);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The host did not become ready:\n{host.Output}");
    }

    /// <summary>True when a readiness answer (the host's JSON, or the CRM service's plain text) says "Healthy" overall.</summary>
    public static bool IsHealthy(string readiness)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        return readiness.StartsWith('{')
            ? System.Text.Json.JsonDocument.Parse(readiness).RootElement.GetProperty("status").GetString() == "Healthy"
            : readiness.Trim() == "Healthy";
    }

    /// <summary>Runs the host until it exits by itself (for start-up failures); returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(string connectionString, IEnumerable<string> arguments)
    {
        var spool = Path.Combine(Path.GetTempPath(), "cc-spool-" + Guid.NewGuid().ToString("N"));
        var info = CreateStartInfo(connectionString, FreePorts.Next(), FreePorts.Next(), seed: false, [$"{SpoolSetting}={spool}", .. arguments]);
        try
        {
            return await ProcessRunner.TryRunAsync(info.FileName, info.ArgumentList, TimeSpan.FromSeconds(90), info.WorkingDirectory);
        }
        finally
        {
            if (Directory.Exists(spool))
            {
                Directory.Delete(spool, recursive: true);
            }
        }
    }

    /// <summary>Runs the host's assembly as a command (e.g. <c>secrets generate</c>) to its end; returns exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IEnumerable<string> arguments)
    {
        var info = DotnetStartInfo(RepositoryPaths.HostAssembly);
        return await ProcessRunner.TryRunAsync(info.FileName, [.. info.ArgumentList, .. arguments], TimeSpan.FromSeconds(90), info.WorkingDirectory);
    }

    /// <summary>An HTTP client for the API, with Basic credentials when given.</summary>
    public HttpClient CreateClient(string? userName = null, string? password = null, HttpMessageHandler? handler = null)
    {
        var client = new HttpClient(handler ?? CreateHandler());
        client.BaseAddress = BaseAddress;
        client.Timeout = TimeSpan.FromSeconds(30);
        if (userName is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        }

        return client;
    }

    /// <summary>
    /// A handler for this host: with a cookie jar when <paramref name="cookies"/> is given; over HTTPS it accepts the
    /// host's (self-signed, test-made) certificate.
    /// </summary>
    public HttpClientHandler CreateHandler(CookieContainer? cookies = null)
    {
        var handler = new HttpClientHandler();
        if (cookies is not null)
        {
            handler.CookieContainer = cookies;
        }

        if (BaseAddress.Scheme == Uri.UriSchemeHttps)
        {
            handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
        }

        return handler;
    }

    /// <summary>Waits until <paramref name="extension"/> shows a registered contact in the API; <paramref name="phoneOutput"/> explains a timeout.</summary>
    public async Task WaitRegisteredAsync(string extension, Func<string> phoneOutput)
    {
        using var admin = CreateClient("admin", "admin-demo");
        for (var i = 0; i < 150; i++)
        {
            var registered = await admin.GetFromJsonAsync<List<RegisteredExtension>>("api/sip/registrations?registeredOnly=true");
            if (registered!.Exists(r => r.Extension == extension))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{extension} did not register:\n{phoneOutput()}");
    }

    /// <summary>Whether the process has exited, and its exit code then.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Asks the host to stop as systemd would (SIGTERM) and waits up to <paramref name="timeout"/>; its exit code, or null.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        return await _process.WaitForExitAsync(timeout) ? _process.ExitCode : null;
    }

    /// <summary>Kills the host at once (SIGKILL), as a crash would; the spool folder stays.</summary>
    public ValueTask KillAsync() => _process.DisposeAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_ownSpool is not null && Directory.Exists(_ownSpool))
        {
            Directory.Delete(_ownSpool, recursive: true);
        }
    }

    private static ProcessStartInfo CreateStartInfo(string connectionString, int httpPort, int sipPort, bool seed, IEnumerable<string> arguments)
    {
        var info = DotnetStartInfo(RepositoryPaths.HostAssembly);
        info.ArgumentList.Add($"--ConnectionStrings:Crm={connectionString}");
        info.ArgumentList.Add("--Http:Address=127.0.0.1");
        info.ArgumentList.Add($"--Http:Port={httpPort}");
        info.ArgumentList.Add("--Sip:Transport:ListenAddress=127.0.0.1");
        info.ArgumentList.Add($"--Sip:Transport:UdpPort={sipPort}");
        info.ArgumentList.Add($"--Sip:Transport:TcpPort={sipPort}");
        info.ArgumentList.Add($"--Demo:Seed={(seed ? "true" : "false")}");
        // The tests run on the demo secrets (sip-config's pw+extension, admin-demo); a test of production mode passes
        // --Security:Mode=Production after this, which wins.
        info.ArgumentList.Add("--Security:Mode=Demo");
        info.ArgumentList.Add($"--SipConfig:Directory={Path.Combine(RepositoryPaths.Root, "sip-config")}");
        // Routing must not depend on the hour a test runs at: queues open around the clock unless a test says otherwise.
        info.ArgumentList.Add(RoutingPolicyFiles.HostArgument);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static ProcessStartInfo DotnetStartInfo(string assembly)
    {
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"Build the solution first: {assembly} is missing.");
        }

        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // The content root is the build output, as under systemd (WorkingDirectory=/opt/contactcenter): the host reads its
        // shipped appsettings.json (log levels, phone-number defaults). Relative paths on the command line still resolve
        // against the working directory, the repository root.
        info.Environment["DOTNET_CONTENTROOT"] = Path.GetDirectoryName(assembly)!;
        info.Environment["DOTNET_NOLOGO"] = "1";
        return info;
    }
}
