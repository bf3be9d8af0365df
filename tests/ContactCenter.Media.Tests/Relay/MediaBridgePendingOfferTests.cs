using ContactCenter.Media.Audio;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>
/// A late offer: we offered PCMU 0 and PCMA 8 in our 200 and the caller answers PCMA in its ACK, but its PCMA may arrive
/// before the ACK is handled. Until the answer is applied every offered law is relayed, decoded by its payload type.
/// </summary>
public sealed class MediaBridgePendingOfferTests
{
    private static readonly MediaLegFormat OfferedPcmuAndPcma = MediaLegFormat.Pcmu with
    {
        PendingOffer = [new MediaAudioPayload(0, G711Law.Pcmu), new MediaAudioPayload(8, G711Law.Pcma)],
    };

    [Fact]
    public async Task Bridge_PcmaBeforeTheAnswer_RelayedTranscodedToTheOtherLegsPcmu()
    {
        await using var host = new RelayTestHost();
        using var caller = new FakePhone();
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(caller, agent, OfferedPcmuAndPcma, MediaLegFormat.Pcmu);
        short[] sine = Signals.Sine(440, 8_000, 160, 0.5);
        byte[] pcma = new byte[160];
        G711.Encode(G711Law.Pcma, sine, pcma);

        await caller.SendStreamAsync(a.LocalRtpEndPoint, 8, 20, pcma);
        List<ReceivedRtp> atAgent = await agent.ReceiveManyAsync(20);

        Assert.All(atAgent, p => Assert.Equal(0, p.PayloadType));
        short[] received = new short[160];
        G711.Decode(G711Law.Pcmu, atAgent[^1].Payload, received);
        short[] sent = new short[160];
        G711.Decode(G711Law.Pcma, pcma, sent);
        for (int i = 0; i < 160; i++)
        {
            Assert.InRange(Math.Abs(sent[i] - received[i]), 0, Math.Max(64, Math.Abs((int)sent[i]) / 8));
        }

        Assert.Equal(0, a.Statistics.PacketsRejected);
    }

    [Fact]
    public async Task Bridge_BothOfferedLawsBeforeTheAnswer_EachDecodedByItsOwnPayloadType()
    {
        await using var host = new RelayTestHost();
        using var caller = new FakePhone();
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(caller, agent, OfferedPcmuAndPcma, MediaLegFormat.Pcma);
        short[] sine = Signals.Sine(440, 8_000, 160, 0.5);
        byte[] pcmu = new byte[160];
        byte[] pcma = new byte[160];
        G711.Encode(G711Law.Pcmu, sine, pcmu);
        G711.Encode(G711Law.Pcma, sine, pcma);

        await caller.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, pcmu);
        ReceivedRtp first = await agent.ReceiveAsync();
        await caller.SendAsync(a.LocalRtpEndPoint, 8, 2, 320, pcma);
        ReceivedRtp second = await agent.ReceiveAsync();

        // The agent's leg speaks PCMA: the PCMU frame was transcoded, the PCMA one passed through untouched.
        Assert.Equal(8, first.PayloadType);
        Assert.Equal(8, second.PayloadType);
        Assert.Equal(pcma, second.Payload);
        Assert.NotEqual(pcmu, first.Payload);
    }

    [Fact]
    public async Task Bridge_AfterTheAnswer_OnlyTheAgreedLawIsRelayed()
    {
        await using var host = new RelayTestHost();
        using var caller = new FakePhone();
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(caller, agent, OfferedPcmuAndPcma, MediaLegFormat.Pcmu);
        byte[] voice = Enumerable.Repeat((byte)0x55, 160).ToArray();

        a.Format = MediaLegFormat.Pcma; // the ACK's answer: PCMA
        await caller.SendAsync(a.LocalRtpEndPoint, 0, 1, 160, voice);

        Assert.True(await agent.NothingArrivesAsync(TimeSpan.FromMilliseconds(300)));
        await caller.SendAsync(a.LocalRtpEndPoint, 8, 2, 320, voice);
        Assert.Equal(0, (await agent.ReceiveAsync()).PayloadType);
    }

    [Fact]
    public async Task Bridge_PayloadTypeOutsideThePendingOffer_Dropped()
    {
        await using var host = new RelayTestHost();
        using var caller = new FakePhone();
        using var agent = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(caller, agent, OfferedPcmuAndPcma, MediaLegFormat.Pcmu);
        byte[] voice = Enumerable.Repeat((byte)0x55, 160).ToArray();

        await caller.SendAsync(a.LocalRtpEndPoint, 18, 1, 160, voice);

        Assert.True(await agent.NothingArrivesAsync(TimeSpan.FromMilliseconds(300)));
    }
}
