using ContactCenter.TestKit;
using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Screenshots of the main pages: every run writes them to <c>artifacts/screenshots/</c>; with
/// <c>CC_UPDATE_SCREENSHOTS=1</c> also to <c>docs/screenshots/</c>, the copies the README shows.
/// </summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        var folders = new List<string> { Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots") };
        if (Environment.GetEnvironmentVariable("CC_UPDATE_SCREENSHOTS") == "1")
        {
            folders.Add(Path.Combine(RepositoryPaths.Root, "docs", "screenshots"));
        }

        foreach (var folder in folders)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".png"), bytes);
        }
    }
}
