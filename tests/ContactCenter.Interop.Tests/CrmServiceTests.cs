using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// The production split (issue #6): a telephony host that publishes its call events to RabbitMQ without consuming them
/// (<c>Bus:CrmConsumers=false</c>) and the CRM service, in its own process, that builds the call log from the broker.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class CrmServiceTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task TrunkCall_CrmInItsOwnProcessOnRabbitMq_CompleteRecordWrittenByTheCrmService()
    {
        await using var broker = await RabbitMqServer.StartAsync();
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Calls:EarlyMedia=false", $"--Bus:RabbitMq={broker.Address}", "--Bus:CrmConsumers=false");
        await using var crm = await HostProcess.StartCrmServiceAsync(rig.ConnectionString, broker.Address);
        await rig.AddAgentAsync("1001", "agent-answer.xml");

        var caller = await rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(2));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallAsync(withRecording: true);
        Assert.Equal(("1001", "answered", "+74951000003"), (call.AnsweredBy, call.Outcome, call.CallerE164));
        Assert.Contains(call.Timeline, e => e.Type == "CallEnded");
        // Written by the CRM service, not the host: the service's own metrics count the events it applied.
        using var http = new HttpClient { BaseAddress = crm.BaseAddress };
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("contactcenter_crm_call_events_applied", metrics, StringComparison.Ordinal);
    }
}
