using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContactCenter.Crm.Model;
using ContactCenter.TestKit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Host.Tests.Security;

/// <summary>Issue #16, credentials: production mode refuses demo secrets; <c>secrets generate</c> replaces them.</summary>
[Collection(HostBasicsCollection.Name)]
[Trait("Category", "Database")]
public sealed partial class ProductionModeEndToEndTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task ProductionMode_DemoSecrets_RefusesToStartNamingEach()
    {
        var database = await fixture.NewDatabaseAsync();

        var (exitCode, output) = await HostProcess.RunToExitAsync(database,
            ["--Security:Mode=Production", "--Demo:Seed=true", $"--ConnectionStrings:Crm={database};Password=contactcenter-demo"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("ContactCenter cannot start: Security:Mode: production mode refuses demo or default secrets", output, StringComparison.Ordinal);
        Assert.Contains("Demo:Seed is true", output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Crm uses the demo database password", output, StringComparison.Ordinal);
        Assert.Contains("Sip:Extensions:1001 has the demo SIP password", output, StringComparison.Ordinal);
        Assert.Contains("Sip:Extensions:5001 has the demo SIP password", output, StringComparison.Ordinal);
        Assert.Contains("secrets generate", output, StringComparison.Ordinal);
        Assert.DoesNotContain("pw1001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretsGenerate_OnADemoDatabase_ProductionStartsAndOnlyTheNewPasswordsWork()
    {
        var database = await fixture.NewDatabaseAsync();
        await using (await HostProcess.StartAsync(database))
        {
            // demo mode seeds the demo users (admin-demo, pw + extension)
        }

        using var config = new TempSipConfig();
        var (blockedExit, blockedOutput) = await HostProcess.RunToExitAsync(database, ["--Security:Mode=Production", $"--SipConfig:Directory={config.Path}"]);

        var (exitCode, output) = await HostProcess.RunCommandAsync(["secrets", "generate", $"--ConnectionStrings:Crm={database}", $"--SipConfig:Directory={config.Path}"]);
        var (againExit, againOutput) = await HostProcess.RunCommandAsync(["secrets", "generate", $"--ConnectionStrings:Crm={database}", $"--SipConfig:Directory={config.Path}"]);
        var sip1001 = PasswordLine("extension", "1001").Match(output).Groups["password"].Value;
        var admin = PasswordLine("user", "admin").Match(output).Groups["password"].Value;
        var web1001 = PasswordLine("user", "1001").Match(output).Groups["password"].Value;
        await using var host = await HostProcess.StartAsync(database, ["--Security:Mode=Production", $"--SipConfig:Directory={config.Path}"], seed: false);

        Assert.Equal(2, blockedExit);
        Assert.Contains("Sip:Extensions:1001 has the demo SIP password", blockedOutput, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Equal(2, againExit);
        Assert.Contains("--force", againOutput, StringComparison.Ordinal);
        Assert.Equal(20, sip1001.Length);
        Assert.Equal(20, admin.Length);
        Assert.Equal(20, web1001.Length);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient("admin", admin).GetAsync(new Uri("api/users", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient("1001", web1001).GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient("admin", "admin-demo").GetAsync(new Uri("api/auth/me", UriKind.Relative))).StatusCode);
        var secrets = await File.ReadAllTextAsync(config.SecretsPath);
        var stored = JsonDocument.Parse(secrets).RootElement.GetProperty("Sip").GetProperty("Extensions").GetProperty("1001");
        Assert.Equal(Md5Hex($"1001:contactcenter:{sip1001}"), stored.GetProperty("Ha1Md5").GetString());
        Assert.DoesNotContain(sip1001, secrets, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.SecretsPath));
        }

        Assert.DoesNotContain(sip1001, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionMode_DemoUserPasswordInTheDatabase_RefusesNamingTheUsers()
    {
        var database = await fixture.NewDatabaseAsync();
        await using (await HostProcess.StartAsync(database))
        {
            // demo mode seeds the demo users (admin-demo, pw + extension)
        }

        using var config = new TempSipConfig();
        var (generated, _) = await HostProcess.RunCommandAsync(["secrets", "generate", $"--ConnectionStrings:Crm={database}", $"--SipConfig:Directory={config.Path}"]);
        await using (var db = CrmDatabaseFixture.CreateContext(database))
        {
            // Someone puts the demo password back on the admin and on 3001.
            var hasher = new PasswordHasher<User>();
            foreach (var user in await db.Users.Where(u => u.UserName == "admin" || u.UserName == "3001").ToListAsync())
            {
                user.PasswordHash = hasher.HashPassword(user, user.UserName == "admin" ? "admin-demo" : "pw3001");
            }

            await db.SaveChangesAsync();
        }

        var (exitCode, output) = await HostProcess.RunToExitAsync(database, ["--Security:Mode=Production", $"--SipConfig:Directory={config.Path}"]);

        Assert.Equal(0, generated);
        Assert.Equal(2, exitCode);
        Assert.Contains("user '3001' still has its demo password; user 'admin' still has its demo password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Sip:Extensions", output, StringComparison.Ordinal);
    }

    private static Regex PasswordLine(string kind, string name) => new($@"^\s+{kind} {name}\s+(?<password>\S+)\s*$", RegexOptions.Multiline);

    private static string Md5Hex(string text) =>
#pragma warning disable CA5351 // RFC 2617 digest is MD5 by definition: the test recomputes what phones compute.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    /// <summary>A copy of the repository's sip-config folder, deleted on dispose.</summary>
    private sealed class TempSipConfig : IDisposable
    {
        public TempSipConfig()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cc-sip-{Guid.NewGuid():N}");
            var source = System.IO.Path.Combine(RepositoryPaths.Root, "sip-config");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = System.IO.Path.GetRelativePath(source, file);
                if (relative != "sip.secrets.json")
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.Combine(Path, relative))!);
                    File.Copy(file, System.IO.Path.Combine(Path, relative));
                }
            }
        }

        public string Path { get; }

        public string SecretsPath => System.IO.Path.Combine(Path, "sip.secrets.json");

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
