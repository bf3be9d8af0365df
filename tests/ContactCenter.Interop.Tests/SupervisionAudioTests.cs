using System.Net;
using System.Net.Http.Json;
using ContactCenter.TestKit;
using Xunit.Abstractions;

namespace ContactCenter.Interop.Tests;

/// <summary>
/// Issue #19's listen / whisper / barge measured on real phones: three baresips (the carrier's caller, the operator, the
/// head), each sending its own tone - caller 440 Hz, operator 1,000 Hz, head 1,600 Hz - and keeping what it hears (its
/// sndfile dump). One call per mode; who hears which tone is read from the received audio (Goertzel energy share).
/// </summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class SupervisionAudioTests(CrmDatabaseFixture fixture, ITestOutputHelper output) : IDisposable
{
    private const double Caller = 440, Operator = 1_000, Head = 1_600;
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-supervision-audio-").FullName;

    [Fact]
    public async Task ListenWhisperBarge_EachPhoneHearsExactlyWhatTheModeAllows()
    {
        await using var rig = await CallRig.StartAsync(fixture);
        var operatorHeard = Folder("operator");
        var headHeard = Folder("head");
        await using var operatorPhone = Baresip.Start("1001", "pw1001", rig.Host.SipTarget, lifetime: TimeSpan.FromSeconds(150),
            audioSource: Tone(Operator), dumpAudioTo: operatorHeard);
        await using var headPhone = Baresip.Start("3001", "pw3001", rig.Host.SipTarget, lifetime: TimeSpan.FromSeconds(150),
            audioSource: Tone(Head), dumpAudioTo: headHeard);
        await rig.WaitRegisteredAsync("1001", () => operatorPhone.Output);
        await rig.WaitRegisteredAsync("3001", () => headPhone.Output);
        using var head = rig.Host.CreateClient("3001", "pw3001");
        using var admin = rig.Host.CreateClient("admin", "admin-demo");

        var results = new List<string>();
        foreach (var (mode, index) in new[] { "listen", "whisper", "barge" }.Select((m, i) => (m, i)))
        {
            var callerHeard = Folder("caller-" + mode);
            await using (var caller = Baresip.StartCaller("84951000003", "7000", rig.Host.SipTarget, rig.TrunkPort, Tone(Caller),
                callerHeard, lifetime: TimeSpan.FromSeconds(40)))
            {
                var callId = await CallRig.WaitForLiveCallAsync(admin, answered: true);
                using var started = await head.PostAsJsonAsync($"api/live-calls/{callId}/supervision", new { mode });
                Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync() + rig.Diagnostics());
                await WaitJoinedAsync(head);
                await Task.Delay(TimeSpan.FromSeconds(4)); // the three talk over each other for a while
                using var stopped = await head.DeleteAsync(new Uri($"api/live-calls/{callId}/supervision", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NoContent, stopped.StatusCode);
                await caller.QuitAsync(TimeSpan.FromSeconds(15)); // hangs up
                await rig.WaitForEndedCallFromAsync("+74951000003", skip: index);
                await CallRig.WaitForNoLiveCallsAsync(admin);
            }

            await Task.Delay(TimeSpan.FromSeconds(1)); // the phones close their dump files when the call ends
            var heard = new Heard(Last(callerHeard), Last(operatorHeard), Last(headHeard));
            results.Add($"{mode}: {heard}");
            output.WriteLine(results[^1]);
            (bool CallerHearsHead, bool OperatorHearsHead) expected = mode switch
            {
                // Listen: the head hears both; neither party hears the head.
                "listen" => (false, false),
                // Whisper: only the operator hears the head.
                "whisper" => (false, true),
                // Barge: a three-way call.
                _ => (true, true),
            };
            var description = string.Join("\n", results) + "\n" + rig.Diagnostics();
            Assert.True(heard.ByCaller.Has(Operator) && heard.ByOperator.Has(Caller), "the call's parties must hear each other\n" + description);
            Assert.True(heard.ByHead.Has(Caller) && heard.ByHead.Has(Operator), "the head must hear both parties\n" + description);
            Assert.True(heard.ByCaller.Has(Head) == expected.CallerHearsHead, "the caller and the head\n" + description);
            Assert.True(heard.ByOperator.Has(Head) == expected.OperatorHearsHead, "the operator and the head\n" + description);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_folder, name)).FullName;

    private static async Task WaitJoinedAsync(HttpClient head)
    {
        for (var i = 0; i < 100; i++)
        {
            var sessions = await head.GetFromJsonAsync<List<SupervisionDto>>("api/live-calls/supervision");
            if (sessions is [{ Joined: true }])
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The head's phone did not join the call.");
    }

    private static Received Last(string folder) =>
        Baresip.HeardAudio(folder) is { Count: > 0 } calls ? new Received(calls[^1]) : new Received([]);

    // One minute of a sine at 8 kHz, 16-bit mono: a phone's microphone.
    private string Tone(double frequency)
    {
        var path = Path.Combine(_folder, $"tone-{frequency:0}.wav");
        if (!File.Exists(path))
        {
            using var writer = new NAudio.Wave.WaveFileWriter(path, new NAudio.Wave.WaveFormat(8_000, 16, 1));
            var samples = new short[8_000 * 60];
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(6_000 * Math.Sin(2 * Math.PI * frequency * i / 8_000));
            }

            writer.WriteSamples(samples, 0, samples.Length);
        }

        return path;
    }

    private sealed record SupervisionDto(Guid CallId, string Supervisor, bool Joined);

    private sealed record Heard(Received ByCaller, Received ByOperator, Received ByHead)
    {
        public override string ToString() => $"caller heard [{ByCaller}], operator heard [{ByOperator}], head heard [{ByHead}]";
    }

    /// <summary>What one phone heard in one call; the tones in it by Goertzel energy relative to the whole signal.</summary>
    private sealed class Received(short[] samples)
    {
        /// <summary>Whether <paramref name="frequency"/> carries a clear share (over 5%) of what was heard.</summary>
        public bool Has(double frequency) => Share(frequency) > 0.05;

        public override string ToString() =>
            $"{samples.Length / 8_000.0:F1} s; 440 Hz {Share(Caller):P0}, 1000 Hz {Share(Operator):P0}, 1600 Hz {Share(Head):P0}";

        private double Share(double frequency)
        {
            if (samples.Length < 800)
            {
                return 0;
            }

            // Goertzel per 20 ms block (a received stream has gaps and joins, so its phase is not continuous): the power at
            // one frequency, 2|X|^2/N, summed over the blocks relative to the total energy is that tone's share.
            const int Block = 160;
            var k = 2 * Math.Cos(2 * Math.PI * frequency / 8_000);
            double total = 0, tone = 0;
            for (var start = 0; start + Block <= samples.Length; start += Block)
            {
                double s1 = 0, s2 = 0;
                for (var i = start; i < start + Block; i++)
                {
                    total += (double)samples[i] * samples[i];
                    var s0 = samples[i] + (k * s1) - s2;
                    s2 = s1;
                    s1 = s0;
                }

                tone += 2 * ((s1 * s1) + (s2 * s2) - (k * s1 * s2)) / Block;
            }

            return total == 0 ? 0 : tone / total;
        }
    }
}
