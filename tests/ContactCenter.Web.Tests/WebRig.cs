using System.Net.Http.Json;
using System.Globalization;
using ContactCenter.TestKit;
using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// One running host (demo data, trunk on a known port) and the browser contexts signed in to it; sipp phones
/// and carrier calls when a test needs a real call. Everything is stopped on dispose.
/// </summary>
internal sealed class WebRig : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<SippAgent> _phones = [];
    private readonly BrowserFixture _browser;
    private readonly string _recordings;
    private readonly IReadOnlyList<string> _arguments;

    private WebRig(HostProcess host, string connectionString, BrowserFixture browser, int trunkPort, string recordings, string announcements,
        IReadOnlyList<string> arguments)
    {
        _arguments = arguments;
        Announcements = announcements;
        Host = host;
        ConnectionString = connectionString;
        _browser = browser;
        TrunkPort = trunkPort;
        _recordings = recordings;
    }

    public HostProcess Host { get; private set; }

    public int TrunkPort { get; }

    /// <summary>The host's announcement folder: a copy of sip-config/announcements, so that uploads leave the repository alone.</summary>
    public string Announcements { get; }

    /// <summary>The host's database (for seeding what no API creates, e.g. a new caller's client).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts the host (with <paramref name="extraArguments"/>, e.g. settings a test needs) on a database of its own.</summary>
    public static async Task<WebRig> StartAsync(CrmDatabaseFixture database, BrowserFixture browser, IEnumerable<string>? extraArguments = null)
    {
        var trunkPort = FreePorts.Next();
        var recordings = Path.Combine(Path.GetTempPath(), "cc-web-rec-" + Guid.NewGuid().ToString("N")[..8]);
        var announcements = AnnouncementFolder.Copy();
        var connectionString = await database.NewDemoDatabaseAsync();
        string[] arguments =
            [$"--Sip:Trunk:Port={trunkPort}", $"--Sip:Recording:Directory={recordings}", "--Acd:WrapUp=00:00:00", $"--Sip:Announcements:Directory={announcements}",
                .. extraArguments ?? []];
        var host = await HostProcess.StartAsync(connectionString, arguments);
        return new WebRig(host, connectionString, browser, trunkPort, recordings, announcements, arguments);
    }

    /// <summary>Stops the host and starts a new one on the same database, folders and trunk port (pages must sign in again: the HTTP port changes).</summary>
    public async Task RestartHostAsync()
    {
        await Host.DisposeAsync();
        Host = await HostProcess.StartAsync(ConnectionString, _arguments);
    }

    /// <summary>The host's recordings folder.</summary>
    public string Recordings => _recordings;

    /// <summary>Signs in through the sign-in page as a user would and returns the page it lands on (<paramref name="lands"/>, e.g. desk.html).</summary>
    public Task<IPage> SignInAsync(string userName, string password, string lands) => SignInAsync(_browser.Browser, userName, password, lands);

    /// <summary>Signs in as <see cref="SignInAsync(string, string, string)"/> does, in <paramref name="browser"/> (e.g. one with fake media devices).</summary>
    public async Task<IPage> SignInAsync(IBrowser browser, string userName, string password, string lands)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            // A host on HTTPS has the tests' self-signed certificate: this context trusts it (pages and wss: alike).
            IgnoreHTTPSErrors = Host.BaseAddress.Scheme == Uri.UriSchemeHttps,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#user", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/" + lands);
        await WaitReadyAsync(page);
        return page;
    }

    /// <summary>Waits until the page's script has set it up (listeners in place, first data shown: body[data-ready]).</summary>
    public static Task WaitReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

    /// <summary>Polls <paramref name="condition"/> (every 200 ms, for up to 20 s) until it holds; fails with <paramref name="what"/> otherwise.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(200);
        }

        Assert.True(await condition(), what);
    }

    /// <summary>Waits until the page's live channel (/hubs/desk) is connected.</summary>
    public static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("#live")).ToHaveAttributeAsync("data-live", "on", new() { Timeout = 15_000 });

    /// <summary>A sipp phone registered as <paramref name="extension"/> answering with <paramref name="scenario"/>.</summary>
    public async Task AddPhoneAsync(string extension, string scenario)
    {
        var phone = SippAgent.Start(extension, Host.SipTarget, scenario, TimeSpan.FromSeconds(90));
        _phones.Add(phone);
        await Host.WaitRegisteredAsync(extension, () => phone.Output);
    }

    /// <summary>Ends every live call through the API (as an admin), so that sipp parties waiting for a BYE finish.</summary>
    public async Task HangUpAllAsync()
    {
        using var admin = Host.CreateClient("admin", "admin-demo");
        foreach (var call in (await admin.GetFromJsonAsync<List<LiveCall>>("api/live-calls"))!)
        {
            using var ended = await admin.DeleteAsync(new Uri($"api/live-calls/{call.CallId}", UriKind.Relative));
        }
    }

    private sealed record LiveCall(Guid CallId);

    /// <summary>The carrier answers the calls the host places through the trunk (click-to-call, call lists) and waits for their end.</summary>
    public Task<SippResult> CarrierAnswersAsync() =>
        Sipp.RunAsync(Sipp.Scenario("trunk-answer.xml"), Host.SipTarget, TrunkPort,
            extraArguments: ["-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(40));

    /// <summary>The carrier calls 7000 from <paramref name="caller"/> and stays <paramref name="talk"/> after the answer.</summary>
    public Task<SippResult> CallAsync(string caller, TimeSpan talk) =>
        Sipp.RunAsync(Sipp.Scenario("trunk-call.xml"), Host.SipTarget, TrunkPort, extraArguments:
        [
            "-key", "dialed", "7000", "-key", "caller", caller, "-mp", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            "-d", ((int)talk.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ], timeout: TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        foreach (var phone in _phones)
        {
            await phone.DisposeAsync();
        }

        await Host.DisposeAsync();
        foreach (var folder in new[] { _recordings, Announcements }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
