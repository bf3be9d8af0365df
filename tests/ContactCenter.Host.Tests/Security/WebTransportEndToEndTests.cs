using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ContactCenter.TestKit;

namespace ContactCenter.Host.Tests.Security;

/// <summary>Issue #16, web: sign-in throttle per user and per address, forwarded headers only from a configured proxy, HTTPS.</summary>
[Collection(HostBasicsCollection.Name)]
[Trait("Category", "Database")]
public sealed class WebTransportEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task SignIn_GuessesFromRotatingAddresses_BlockTheUserNotOthers()
    {
        // nginx on this machine (127.0.0.1) forwards every client: the attacker shows a new address per guess.
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(),
            ["--Security:Login:MaxFailures=3", "--Http:TrustedProxies:0=127.0.0.1"]);

        var guesses = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            guesses.Add(await SignInAsync(host, "admin", "guess" + i, $"198.51.100.{i}"));
        }

        var rightPassword = await SignInAsync(host, "admin", "admin-demo", "198.51.100.9");
        var otherUser = await SignInAsync(host, "1001", "pw1001", "198.51.100.10");

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, rightPassword);
        Assert.Equal(HttpStatusCode.OK, otherUser);
        Assert.Contains("Sign-in blocked for user admin", await host.OutputContainingAsync("Sign-in blocked"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ForwardedHeadersWithoutATrustedProxy_AreIgnored()
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), ["--Security:Login:MaxFailures=3"]);

        // Different users and different claimed addresses: only the real address (127.0.0.1) is common.
        for (var i = 1; i <= 3; i++)
        {
            await SignInAsync(host, "nobody" + i, "guess", $"198.51.100.{i}");
        }

        var claimedElsewhere = await SignInAsync(host, "1001", "pw1001", "198.51.100.20");

        Assert.Equal(HttpStatusCode.TooManyRequests, claimedElsewhere);
        Assert.Contains("Sign-in blocked for address 127.0.0.1", await host.OutputContainingAsync("Sign-in blocked"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_WithConfiguredCertificate_SecureCookieAndHsts()
    {
        using var folder = new TempCertificate();
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(),
            [$"--Http:CertificatePath={folder.Path}", $"--Http:CertificatePassword={folder.Password}"]);
        using var client = host.CreateClient();

        using var login = await client.PostAsJsonAsync("api/auth/login", new { userName = "1001", password = "pw1001" });
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var plainAnswered = true;
        try
        {
            using var response = await plain.GetAsync(new Uri($"http://127.0.0.1:{host.BaseAddress.Port}/health"));
            plainAnswered = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            plainAnswered = false;
        }

        Assert.Equal("https", host.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=31536000", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False(plainAnswered);
        Assert.DoesNotContain(folder.Password, host.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SignInAsync(HostProcess host, string userName, string password, string claimedAddress)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/auth/login") { Content = JsonContent.Create(new { userName, password }) };
        request.Headers.Add("X-Forwarded-For", claimedAddress);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
