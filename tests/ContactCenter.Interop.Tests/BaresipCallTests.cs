using ContactCenter.Contracts.Calls;
using ContactCenter.TestKit;
using NAudio.Wave;

namespace ContactCenter.Interop.Tests;

/// <summary>baresip as a real agent softphone on a call through the engine.</summary>
[Collection(DatabaseCollection.Name)]
[Trait("Category", "Interop")]
public sealed class BaresipCallTests(CrmDatabaseFixture fixture)
{
    [Fact]
    public async Task Baresip_AutoAnswersAndPlaysWav_RecordingHoldsItsVoice()
    {
        var speech = Path.Combine(RepositoryPaths.Root, "sip-config", "announcements", "greeting.wav");
        await using var rig = await CallRig.StartAsync(fixture, "--Sip:Recording:Layout=Stereo");
        await using var phone = Baresip.Start("1001", "pw1001", rig.Host.SipTarget, lifetime: TimeSpan.FromSeconds(60), audioSource: speech);
        await rig.WaitRegisteredAsync("1001", () => phone.Output);

        var caller = await rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(4));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller) + "\n--- baresip:\n" + phone.Output);
        var call = await rig.WaitForEndedCallAsync(withRecording: true);
        Assert.Equal("1001", call.AnsweredBy);
        Assert.NotNull(call.RecordingPath);
        Assert.StartsWith(rig.Recordings, call.RecordingPath, StringComparison.Ordinal);
        var (callerRms, agentRms, seconds) = MeasureStereo(call.RecordingPath);
        Assert.True(seconds >= 3, $"recording is {seconds:F1} s long");
        // Silence (or comfort noise) is well below 100; the greeting's speech is around 2,000 RMS.
        Assert.True(agentRms > 300, $"the agent's side of the recording is silent: RMS {agentRms:F0}");
        Assert.True(callerRms > 300, $"the caller's side of the recording is silent: RMS {callerRms:F0}");
    }

    [Fact]
    public async Task Baresip_RegisteredOverTls_TrunkCallRingsItOverTheTlsConnection_BothVoicesRecorded()
    {
        var speech = Path.Combine(RepositoryPaths.Root, "sip-config", "announcements", "greeting.wav");
        using var tls = new TlsListenerSettings();
        await using var rig = await CallRig.StartAsync(fixture, ["--Sip:Recording:Layout=Stereo", .. tls.HostArguments]);
        await using var phone = Baresip.Start("1001", "pw1001", tls.Target, lifetime: TimeSpan.FromSeconds(60), audioSource: speech,
            tlsTrustedCertificate: tls.DemoCertificate);
        await rig.WaitRegisteredAsync("1001", () => phone.Output);

        var caller = await rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(4));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller) + "\n--- baresip:\n" + phone.Output);
        var call = await rig.WaitForEndedCallAsync(withRecording: true);
        Assert.Equal("1001", call.AnsweredBy);
        Assert.Contains("SIP/2.0/TLS", phone.Output, StringComparison.Ordinal); // baresip -s traces the INVITE it got over TLS
        var (callerRms, agentRms, _) = MeasureStereo(call.RecordingPath!);
        Assert.True(agentRms > 300, $"the agent's side of the recording is silent: RMS {agentRms:F0}");
        Assert.True(callerRms > 300, $"the caller's side of the recording is silent: RMS {callerRms:F0}");
    }

    [Fact]
    public async Task Baresip_RemoteAgentWithMandatorySrtp_AnswersPlainRtpCaller_BothHeardAndItsLegOnlySrtp()
    {
        var speech = Path.Combine(RepositoryPaths.Root, "sip-config", "announcements", "greeting.wav");
        using var tls = new TlsListenerSettings();
        var heard = Directory.CreateTempSubdirectory("cc-srtp-heard-").FullName;
        await using var rig = await CallRig.StartAsync(fixture,
            ["--Sip:Recording:Layout=Stereo", "--Sip:Extensions:1001:RequireTlsAndSrtp=true", .. tls.HostArguments]);
        await using var phone = Baresip.Start("1001", "pw1001", tls.Target, lifetime: TimeSpan.FromSeconds(60), audioSource: speech,
            tlsTrustedCertificate: tls.DemoCertificate, mandatorySrtp: true, dumpAudioTo: heard);
        await rig.WaitRegisteredAsync("1001", () => phone.Output);

        var caller = await rig.CallAsync("trunk-call.xml", pause: TimeSpan.FromSeconds(4));

        Assert.True(caller.ExitCode == 0, rig.Diagnostics(caller) + "\n--- baresip:\n" + phone.Output);
        var call = await rig.WaitForEndedCallAsync(withRecording: true);
        Assert.Equal("1001", call.AnsweredBy);
        // Our INVITE to the agent (traced by baresip -s) offered SRTP only, with SDES keys, over TLS.
        Assert.Matches(@"m=audio \d+ RTP/SAVP ", phone.Output);
        Assert.Contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:", phone.Output, StringComparison.Ordinal);
        // The caller's leg stayed plain RTP; the agent's leg was SRTP, and every packet the relay got on it authenticated
        // (plain RTP or a forged packet there is refused and counted as rejected).
        var media = await rig.ReadMediaSummaryAsync();
        Assert.True(media is { CallerProfile: "RTP", CalleeProfile: "SRTP" }, rig.Diagnostics(caller));
        Assert.True(media.CalleeSent > 100 && media.ToCallee > 100, $"too few packets each way: {media}");
        // baresip 1.0 sends the RTCP BYE that closes its stream unprotected (48 bytes: no SRTCP index or tag), which the
        // relay refuses; a plain RTP stream on the leg would be refused by the hundred.
        Assert.True(media.CalleeRejected <= 1, $"the relay refused packets on the agent's SRTP leg: {media}");
        // What we sent the agent decrypted there: baresip reports its audio stream started and no failed decryption.
        Assert.Contains("SRTP is Enabled", phone.Output, StringComparison.Ordinal);
        Assert.Contains("incoming rtp for 'audio' established", phone.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("srtp: failed to decrypt", phone.Output, StringComparison.Ordinal);
        // Both voices are in the recording, and the agent heard the caller: what baresip decrypted and decoded is speech.
        var (callerRms, agentRms, _) = MeasureStereo(call.RecordingPath!);
        Assert.True(agentRms > 300, $"the agent's side of the recording is silent: RMS {agentRms:F0}");
        Assert.True(callerRms > 300, $"the caller's side of the recording is silent: RMS {callerRms:F0}");
        await Task.Delay(TimeSpan.FromSeconds(1)); // baresip closes its dump file when the call ends
        var agentHeard = Assert.Single(Baresip.HeardAudio(heard));
        var heardRms = Math.Sqrt(agentHeard.Average(s => (double)s * s));
        Directory.Delete(heard, recursive: true);
        Assert.True(heardRms > 300, $"the agent heard silence: RMS {heardRms:F0} over {agentHeard.Length} samples");
    }

    private static (double Left, double Right, double Seconds) MeasureStereo(string path)
    {
        using var reader = new WaveFileReader(path);
        Assert.Equal(2, reader.WaveFormat.Channels);
        Assert.Equal(8_000, reader.WaveFormat.SampleRate);
        double left = 0, right = 0;
        long frames = 0;
        var buffer = new byte[4 * 800];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i + 3 < read; i += 4)
            {
                double l = BitConverter.ToInt16(buffer, i), r = BitConverter.ToInt16(buffer, i + 2);
                left += l * l;
                right += r * r;
                frames++;
            }
        }

        return frames == 0 ? (0, 0, 0) : (Math.Sqrt(left / frames), Math.Sqrt(right / frames), frames / 8_000.0);
    }
}
