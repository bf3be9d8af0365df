using ContactCenter.TestKit;
using static ContactCenter.Web.Tests.BrowserPhonePage;

namespace ContactCenter.Web.Tests;

/// <summary>
/// The browser phone with the host on HTTPS (the tests' self-signed certificate, trusted by the page's browser context):
/// the page registers over wss:, takes a carrier call to 7000 and has audio both ways; the same for an extension that
/// must use TLS and SRTP (over plain ws: it is refused, BrowserPhoneTests).
/// </summary>
[Collection(WebCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BrowserPhoneSecureTests(CrmDatabaseFixture database, BrowserFixture browser, FakeMediaChromium media) : IClassFixture<FakeMediaChromium>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // Sip:Registrar:SecureExtensions: 1001 must use TLS and SRTP
    public async Task PageOverHttps_PhoneRegistersOverWss_TakesATrunkCall_AudioBothWays(bool mustUseTlsAndSrtp)
    {
        using var certificate = new TempCertificate();
        await using var rig = await WebRig.StartAsync(database, browser,
            [.. certificate.HostArguments, "--Sip:Recording:Layout=Stereo", .. mustUseTlsAndSrtp ? ["--Sip:Registrar:SecureExtensions:0=1001"] : Array.Empty<string>()]);
        var page = await PhoneOnAsync(rig, media.Browser, "1001", "pw1001");

        Assert.StartsWith("https://", page.Url, StringComparison.Ordinal);
        var contact = Assert.Single(await ContactsAsync(rig, "1001"));
        Assert.Equal("WSS", contact.GetProperty("transport").GetString());

        var caller = rig.CallAsync("84951000003", TimeSpan.FromSeconds(6));
        await AnswerAsync(page);
        var inbound = await WaitInboundAsync(rig, page, packets: 100);
        var result = await caller;

        // The caller's audio reaches the page, and the page's microphone the call (the agent's channel of the recording).
        Assert.True(result.ExitCode == 0, result.Output + result.Errors + rig.Host.Output);
        Assert.True(inbound.GetProperty("totalAudioEnergy").GetDouble() > 0, inbound.ToString());
        await WebRig.EventuallyAsync(() => Task.FromResult(Directory.Exists(rig.Recordings)
            && Directory.EnumerateFiles(rig.Recordings, "*.wav", SearchOption.AllDirectories).Any()), "the call is recorded");
        var recording = Directory.EnumerateFiles(rig.Recordings, "*.wav", SearchOption.AllDirectories).Single();
        await WebRig.EventuallyAsync(() => Task.FromResult(AgentPeak(recording) > 2_000), "the browser's microphone is heard in the recording");
    }
}
