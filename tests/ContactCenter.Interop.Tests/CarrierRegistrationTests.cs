using System.Net.Http.Json;
using System.Text.Json;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>Issue #17: we register at a carrier that challenges with digest (Kamailio), and its calls reach our agents.</summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class CarrierRegistrationTests(CrmDatabaseFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RegisteredAtKamailioWithDigest_ACallForTheAccount_ReachesAnAgent()
    {
        await using var carrier = await KamailioCarrier.StartAsync();
        await using var rig = await CallRig.StartAsync(fixture, carrier.HostArguments());
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        var status = await WaitForStateAsync(rig.Host, "registered");
        var caller = await Sipp.RunAsync(Sipp.Scenario("trunk-call.xml"), carrier.Target, FreePorts.Next(), false, extraArguments:
            ["-key", "dialed", "74951234500", "-key", "caller", "84951000003", "-mp", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "-d", "1000"],
            timeout: TimeSpan.FromSeconds(60));

        Assert.Equal("carrier", status.GetProperty("name").GetString());
        Assert.True(status.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller) + "\n--- kamailio:\n" + carrier.Output);
        Assert.Contains("carrier: challenging REGISTER", carrier.Output, StringComparison.Ordinal); // we were challenged, and answered
        Assert.Contains($"carrier: {carrier.Account} registered", carrier.Output, StringComparison.Ordinal);
        var call = await rig.WaitForEndedCallAsync();
        Assert.Equal("1001", call.AnsweredBy);
    }

    [Fact]
    public async Task WrongPassword_FailedWithTheReason_CredentialsNotSentAgainAndAgain()
    {
        await using var carrier = await KamailioCarrier.StartAsync();
        await using var host = await HostProcess.StartAsync(await fixture.NewDemoDatabaseAsync(), carrier.HostArguments(password: "not-the-password", retryDelay: "00:05:00"));

        var status = await WaitForStateAsync(host, "failed");

        Assert.Contains("refused our credentials", status.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", host.Output, StringComparison.Ordinal); // never logged
        await Task.Delay(TimeSpan.FromSeconds(1));
        // One attempt: the REGISTER is challenged, our answer is challenged again (a fresh nonce, not stale) - and we stop
        // rather than feed the carrier's brute-force counter; the next attempt waits for the retry delay. Two requests,
        // told apart by CSeq: on a loaded machine a 401 can come after our retransmission (Timer E), which is challenged too.
        Assert.True(carrier.CountRequests("carrier: challenging REGISTER") == 2, carrier.Output);
        Assert.True(status.GetProperty("nextAttemptAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(4));
    }

    private static async Task<JsonElement> WaitForStateAsync(HostProcess host, string state)
    {
        using var admin = host.CreateClient("admin", "admin-demo");
        var started = DateTimeOffset.UtcNow;
        JsonElement last = default;
        while (DateTimeOffset.UtcNow - started < Patience)
        {
            var all = await admin.GetFromJsonAsync<JsonElement>(new Uri("api/sip/carrier-registrations", UriKind.Relative));
            last = Assert.Single(all.EnumerateArray());
            if (last.GetProperty("state").GetString()!.Equals(state, StringComparison.OrdinalIgnoreCase))
            {
                return last;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the carrier registration did not become {state}: {last}\n{host.Output}");
    }
}
