using System.Net;
using System.Net.Http.Json;
using ContactCenter.TestKit;
using Microsoft.EntityFrameworkCore;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #19's listen / whisper / barge through the API with sipp phones: the head's own phone is rung and joins the
/// agent's live call; the mode switches without re-dialling; stopping hangs up the head's phone only; every step is audited.
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SupervisionTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task HeadListensThenWhispersThenLeaves_TheirPhoneRingsAndHangsUp_TheCallGoesOn_EachStepAudited()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        await rig.AddAgentAsync("3001", "agent-answer.xml"); // the head's own phone
        using var head = rig.Host.CreateClient("3001", "pw3001");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        var caller = rig.CallAsync("trunk-call.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(12)); // Corner Shop: the operator queue
        var callId = await CallRig.WaitForLiveCallAsync(admin, answered: true);

        using var started = await head.PostAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode = "listen" });
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync() + rig.Diagnostics());
        var joined = await WaitForSupervisionAsync(head, s => s is { Joined: true });
        using var whisper = await head.PutAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode = "whisper" });
        var changed = await whisper.Content.ReadFromJsonAsync<SupervisionDto>();
        using var stopped = await head.DeleteAsync(new Uri($"api/live-calls/{callId}/supervision", UriKind.Relative));
        var gone = await WaitForSupervisionAsync(head, s => s is null);
        var stillLive = await admin.GetFromJsonAsync<List<LiveCallDto>>("api/live-calls");
        var call = await caller;

        Assert.Equal(("3001", "1001", "Listen"), (joined!.Supervisor, joined.Agent, joined.Mode));
        Assert.Equal(HttpStatusCode.OK, whisper.StatusCode);
        Assert.Equal("Whisper", changed!.Mode);
        Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
        Assert.Null(gone);
        Assert.Contains(stillLive!, c => c.CallId == callId); // the head left; the call did not end
        Assert.True(call.ExitCode == 0, "the supervised call was disturbed:\n" + rig.Diagnostics(call));
        await using var db = CrmDatabaseFixture.CreateContext(rig.ConnectionString);
        var audit = await db.Audit.AsNoTracking().Where(a => a.EntityType == "call" && a.EntityId == callId.ToString()).OrderBy(a => a.Id)
            .Select(a => a.UserName + " " + a.Action + " " + a.Details).ToListAsync();
        Assert.Equal(["3001 supervise mode=Listen; supervisor=3001; agent=1001", "3001 supervise-mode from=Listen; to=Whisper", "3001 supervise-stop mode=Whisper"], audit);
        await rig.WaitForEndedCallFromAsync("+74951000003");
        var record = await head.GetFromJsonAsync<CallDetailDto>($"api/calls/{callId}");
        Assert.Equal(["supervise", "supervise-mode", "supervise-stop"], record!.Supervision.Select(s => s.Action));
    }

    private sealed record CallDetailDto(List<SupervisionStepDto> Supervision);

    private sealed record SupervisionStepDto(string UserName, string Action, string? Details);

    [Fact]
    public async Task AnOperator_MayNotSupervise_AndABadModeIsNamed()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        await rig.AddAgentAsync("1001", "agent-answer.xml");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var colleague = rig.Host.CreateClient("1002", "pw1002");
        var caller = rig.CallAsync("trunk-call.xml", caller: "84957770032", pause: TimeSpan.FromSeconds(4));
        var callId = await CallRig.WaitForLiveCallAsync(admin, answered: true);

        using var byOperator = await colleague.PostAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode = "listen" });
        using var badMode = await admin.PostAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode = "spy" });
        using var adminWithoutPhone = await admin.PostAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode = "listen" });
        await caller;

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Contains("mode", await badMode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, adminWithoutPhone.StatusCode); // the admin user has no staff record, so no phone to ring
    }

    private static async Task<SupervisionDto?> WaitForSupervisionAsync(HttpClient client, Func<SupervisionDto?, bool> condition)
    {
        SupervisionDto? current = null;
        for (var i = 0; i < 100; i++)
        {
            current = (await client.GetFromJsonAsync<List<SupervisionDto>>("api/live-calls/supervision"))!.FirstOrDefault();
            if (condition(current))
            {
                return current;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The supervision did not reach the expected state; last: " + current);
    }

    private sealed record SupervisionDto(Guid CallId, string Supervisor, string? Agent, string Mode, bool Joined);

    private sealed record LiveCallDto(Guid CallId, string Phase);
}
