using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// The after-hours path end to end (issue #18): the host's operator queue is closed today (a holiday), a carrier's sipp
/// caller is answered by the service, leaves 7.1 s of speech after the beep and presses #; the message becomes a task
/// for the queue, due when it opens, and its recording plays for the queue's operator through the API.
/// </summary>
[Collection(RoutingCollection.Name)]
[Trait("Category", "Interop")]
public sealed class VoicemailTests(CrmDatabaseFixture fixture) : IDisposable
{
    private readonly string _policy = Path.Combine(Path.GetTempPath(), $"cc-closed-policy-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task AfterHoursCaller_LeavesAVoicemail_TaskForTheQueueDueAtItsOpening_RecordingPlayable()
    {
        var opens = RoutingPolicyFiles.WriteClosedNow(_policy);
        await using var rig = await CallRig.StartAsync(fixture, "--Acd:PolicyFile=" + _policy);
        using var admin = rig.Host.CreateClient("admin", "admin-demo");
        using var anna = rig.Host.CreateClient("1001", "pw1001");

        // Corner Shop: answered at once, closed.wav (5.9 s), voicemail.wav (5.3 s) and the beep (0.6 s) during the 14 s pause,
        // then speech and #.
        var caller = await rig.CallAsync("trunk-voicemail.xml", caller: "84951000003", pause: TimeSpan.FromSeconds(14), timeout: TimeSpan.FromSeconds(90));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller));
        var call = await rig.WaitForEndedCallFromAsync("+74951000003");
        Assert.Equal((CallEndedBy.Caller, "voicemail left (# pressed)", null), (call.EndedBy, call.EndReason, call.AnsweredBy));
        var list = await VoicemailListAsync(anna);
        var progress = (await admin.GetFromJsonAsync<JsonObject>($"api/call-lists/{list}/progress"))!;
        var task = Assert.Single(progress["tasks"]!.AsArray())!;
        Assert.Equal(("+74951000003", "pending", opens), (task["phone"]!.GetValue<string>(), task["status"]!.GetValue<string>(),
            task["nextAttemptAt"]!.GetValue<DateTimeOffset>()));
        using var audio = await anna.GetAsync(new Uri($"api/recordings/{call.Id}/audio", UriKind.Relative));
        var wav = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        // 8 kHz mono 16-bit: about the 7.1 s the caller spoke (less when a loaded machine plays the announcement late).
        Assert.InRange((wav.Length - 44) / 16_000.0, 5.0, 7.5);
        using var manager = rig.Host.CreateClient("2001", "pw2001"); // works no voicemail list
        using var refused = await manager.GetAsync(new Uri($"api/recordings/{call.Id}/audio", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    public void Dispose() => File.Delete(_policy);

    private static async Task<Guid> VoicemailListAsync(HttpClient operatorClient)
    {
        for (var i = 0; i < 100; i++)
        {
            var lists = (await operatorClient.GetFromJsonAsync<JsonArray>("api/call-lists"))!;
            if (lists.FirstOrDefault(l => l!["purpose"]!.GetValue<string>() == "voicemail" && l["tasks"]!.GetValue<int>() == 1) is { } list)
            {
                return list["id"]!.GetValue<Guid>();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No voicemail list with the task reached the operator's call lists.");
    }
}
