using System.Net;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Supervision;
using ContactCenter.Media.Tests.Relay;

namespace ContactCenter.Media.Tests.Supervision;

/// <summary>
/// Listen, whisper and barge (issue #19) over real sockets: the client sends a 440 Hz tone, the agent 1,000 Hz, the
/// supervisor 1,600 Hz; who hears which tone is measured on what each phone receives (Goertzel energy per tone).
/// </summary>
public sealed class SupervisionSessionTests
{
    private const double Client = 440, Agent = 1_000, Supervisor = 1_600;

    [Fact]
    public async Task Listen_SupervisorHearsBothParties_NobodyHearsTheSupervisor()
    {
        var heard = await RunAsync(SupervisionMode.Listen);

        Assert.True(heard.BySupervisor.Has(Client), heard.BySupervisor.Describe());
        Assert.True(heard.BySupervisor.Has(Agent), heard.BySupervisor.Describe());
        Assert.False(heard.ByAgent.Has(Supervisor), heard.ByAgent.Describe());
        Assert.False(heard.ByClient.Has(Supervisor), heard.ByClient.Describe());
        Assert.True(heard.ByClient.Has(Agent) && heard.ByAgent.Has(Client), "the call itself must go on unchanged");
    }

    [Fact]
    public async Task Whisper_OnlyTheAgentHearsTheSupervisor()
    {
        var heard = await RunAsync(SupervisionMode.Whisper);

        Assert.True(heard.ByAgent.Has(Supervisor), heard.ByAgent.Describe());
        Assert.True(heard.ByAgent.Has(Client), heard.ByAgent.Describe());
        Assert.False(heard.ByClient.Has(Supervisor), heard.ByClient.Describe());
        Assert.True(heard.BySupervisor.Has(Client) && heard.BySupervisor.Has(Agent), heard.BySupervisor.Describe());
    }

    [Fact]
    public async Task Barge_BothPartiesHearTheSupervisor()
    {
        var heard = await RunAsync(SupervisionMode.Barge);

        Assert.True(heard.ByAgent.Has(Supervisor), heard.ByAgent.Describe());
        Assert.True(heard.ByClient.Has(Supervisor), heard.ByClient.Describe());
        Assert.True(heard.ByClient.Has(Agent), heard.ByClient.Describe());
    }

    [Fact]
    public async Task ListenThenWhisper_SwitchedWithoutRedialling_ThenLeaving_TheCallGoesOnAlone()
    {
        var heard = await RunAsync(SupervisionMode.Listen, switchTo: SupervisionMode.Whisper, leaveAfterwards: true);

        Assert.True(heard.ByAgent.Has(Supervisor), heard.ByAgent.Describe()); // after the switch
        Assert.False(heard.ByClient.Has(Supervisor), heard.ByClient.Describe());
        Assert.True(heard.AfterLeaving.Has(Agent), "the client no longer hears the agent after the supervisor left");
    }

    private static async Task<Heard> RunAsync(SupervisionMode mode, SupervisionMode? switchTo = null, bool leaveAfterwards = false)
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var client = new FakePhone { Ssrc = 1 };
        using var agent = new FakePhone { Ssrc = 2 };
        using var supervisor = new FakePhone { Ssrc = 3 };
        (MediaEndpoint a, MediaEndpoint b, MediaBridge bridge) = host.BridgePhones(client, agent, MediaLegFormat.Pcmu, MediaLegFormat.Pcma);
        MediaEndpoint s = host.Endpoint(MediaLegFormat.Pcmu, supervisor);
        var session = SupervisionSession.Start(bridge, s, MediaLegSide.B, switchTo is null ? mode : SupervisionMode.Listen, TimeProvider.System);
        try
        {
            if (switchTo is { } later)
            {
                await TalkAsync(client, a, agent, b, supervisor, s, frames: 10, listeners: null);
                session.Mode = later;
            }

            var byClient = new Received(G711Law.Pcmu);
            var byAgent = new Received(G711Law.Pcma);
            var bySupervisor = new Received(G711Law.Pcmu);
            await TalkAsync(client, a, agent, b, supervisor, s, frames: 40, [(client, byClient), (agent, byAgent), (supervisor, bySupervisor)]);
            var afterLeaving = new Received(G711Law.Pcmu);
            if (leaveAfterwards)
            {
                await session.DisposeAsync();
                await TalkAsync(client, a, agent, b, supervisor, s, frames: 15, [(client, afterLeaving)]);
            }

            return new Heard(byClient, byAgent, bySupervisor, afterLeaving);
        }
        finally
        {
            await session.DisposeAsync();
        }
    }

    // 20 ms frames from all three phones at once (paced like real phones), while the listeners collect what reaches them.
    private static async Task TalkAsync(FakePhone client, MediaEndpoint a, FakePhone agent, MediaEndpoint b, FakePhone supervisor, MediaEndpoint s,
        int frames, (FakePhone Phone, Received Into)[]? listeners)
    {
        using var stop = new CancellationTokenSource();
        var collecting = (listeners ?? []).Select(l => l.Into.CollectAsync(l.Phone, stop.Token)).ToList();
        await Task.WhenAll(
            SpeakAsync(client, a.LocalRtpEndPoint, G711Law.Pcmu, 0, Client, frames),
            SpeakAsync(agent, b.LocalRtpEndPoint, G711Law.Pcma, 8, Agent, frames),
            SpeakAsync(supervisor, s.LocalRtpEndPoint, G711Law.Pcmu, 0, Supervisor, frames));
        await Task.Delay(100);
        await stop.CancelAsync();
        await Task.WhenAll(collecting);
    }

    private static async Task SpeakAsync(FakePhone phone, IPEndPoint to, G711Law law, byte payloadType, double frequency, int frames)
    {
        var samples = new short[G711.SamplesPerFrame];
        var payload = new byte[G711.SamplesPerFrame];
        for (var n = 0; n < frames; n++)
        {
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (short)(6_000 * Math.Sin(2 * Math.PI * frequency * ((n * samples.Length) + i) / G711.SampleRate));
            }

            G711.Encode(law, samples, payload);
            await phone.SendAsync(to, payloadType, (ushort)(100 + n), (uint)(8_000 + (160 * n)), payload, marker: n == 0);
            await Task.Delay(20);
        }
    }

    private sealed record Heard(Received ByClient, Received ByAgent, Received BySupervisor, Received AfterLeaving);

    /// <summary>What one phone received, decoded; the tones in it by Goertzel energy relative to the whole signal.</summary>
    private sealed class Received(G711Law law)
    {
        private readonly List<short> _samples = [];

        public async Task CollectAsync(FakePhone phone, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var packet = await phone.ReceiveAsync().WaitAsync(stop).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);
                if (packet is null)
                {
                    return;
                }

                var decoded = new short[packet.Payload.Length];
                G711.Decode(law, packet.Payload, decoded);
                _samples.AddRange(decoded);
            }
        }

        /// <summary>Whether <paramref name="frequency"/> carries a clear share (over 5%) of the received signal's energy.</summary>
        public bool Has(double frequency) => Share(frequency) > 0.05;

        public string Describe() =>
            $"{_samples.Count} samples; energy share 440 Hz {Share(Client):P0}, 1000 Hz {Share(Agent):P0}, 1600 Hz {Share(Supervisor):P0}";

        private double Share(double frequency)
        {
            if (_samples.Count < 800)
            {
                return 0;
            }

            double total = 0;
            foreach (var sample in _samples)
            {
                total += (double)sample * sample;
            }

            // Goertzel: the power at one frequency; 2|X|^2/N relative to the total energy is that tone's share.
            var k = 2 * Math.Cos(2 * Math.PI * frequency / G711.SampleRate);
            double s1 = 0, s2 = 0;
            foreach (var sample in _samples)
            {
                var s0 = sample + (k * s1) - s2;
                s2 = s1;
                s1 = s0;
            }

            var power = (s1 * s1) + (s2 * s2) - (k * s1 * s2);
            return total == 0 ? 0 : 2 * power / _samples.Count / total;
        }
    }
}
