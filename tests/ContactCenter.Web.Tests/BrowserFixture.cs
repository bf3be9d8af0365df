using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven headless by Playwright. Playwright's own browser download does
/// not work here and is never used: a missing Chromium fails with the install command.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Browser not started.");

    public async Task InitializeAsync()
    {
        // Playwright's 5 s default wait for an expectation is too short on a loaded 2-core CI machine; what a
        // test waits for still has to happen, only the patience is longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run 'apt-get install -y chromium' (deploy/test.sh does this).");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
