using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>sipp (a real SIP peer) against the running host's dialog layer, over UDP and TCP.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SippDialogTests(CrmDatabaseFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sipp_ByeForUnknownDialog_Gets481(bool tcp)
    {
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync());

        var result = await Sipp.RunAsync(Sipp.Scenario("bye-unknown-dialog.xml"), host.SipTarget, FreePorts.Next(), tcp);

        Assert.True(result.ExitCode == 0, result.Output + result.Errors);
        Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.Ordinal);
    }
}
