using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.WebRtc;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sdp.WebRtc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace ContactCenter.Web.Tests;

/// <summary>
/// Debian's Chromium against our WebRTC media pieces, no signalling in between: its real offer answered by
/// <see cref="SdpWebRtcAnswer"/>, its ICE checks answered by our ICE-lite socket, its DTLS handshake with our DTLS-SRTP
/// server, its Opus (fake microphone) decoded by our transcoder, and our Opus played into it (WebRTC stats).
/// </summary>
[Trait("Category", "Interop")]
public sealed class WebRtcChromiumTests(FakeMediaChromium media) : IClassFixture<FakeMediaChromium>
{
    private const string Page = "http://127.0.0.1:9/webrtc";

    // Chromium checks from every local interface; only loopback is answered, so the test sends nothing outside 127.0.0.0/8.
    private static readonly Func<IPAddress, bool> LoopbackOnly = IPAddress.IsLoopback;
    [Fact]
    public async Task ChromiumOffer_AnsweredByUs_IceDtlsAndOpusFlowBothWays()
    {
        var page = await OpenAsync();
        var offerText = await page.EvaluateAsync<string>(CreateOfferScript);
        var offer = SdpParser.Parse(offerText);
        var ufrag = RandomToken(8);
        var password = RandomToken(24);
        var certificate = DtlsCertificate.Create(TimeProvider.System);
        Assert.True(SdpWebRtcTransport.TryRead(offer, offer.Media[0], out var browserTransport));
        await using var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder(ufrag, password, LoopbackOnly),
            certificate, browserTransport.Fingerprint, NullLogger.Instance);
        var fromBrowser = new ConcurrentQueue<byte[]>();
        media.PacketReceived = packet => fromBrowser.Enqueue(packet.ToArray());
        media.Start();
        var local = new SdpWebRtcLocal(IPAddress.Loopback, media.LocalEndPoint.Port, ufrag, password, certificate.Fingerprint);
        var answer = SdpWebRtcAnswer.Create(offer, local, new SdpOriginTracker(IPAddress.Loopback, "4242", 1));

        Assert.True(answer.IsAccepted, offerText);
        Assert.Equal("opus", answer.Audio!.Codec.Name);
        await page.EvaluateAsync("sdp => pc.setRemoteDescription({ type: 'answer', sdp })", SdpWriter.Format(answer.Answer!));
        await WaitAsync(page, "pc.connectionState === 'connected'", "Chromium's peer connection is connected (ICE and DTLS)");
        var keys = await media.Keys.WaitAsync(TimeSpan.FromSeconds(10));
        await WebRig.EventuallyAsync(() => Task.FromResult(fromBrowser.Count(IsOpus) >= 50), "a second of Opus from Chromium arrives");

        // The fake microphone's beeps, decoded from Opus into G.711 as the other leg would hear them.
        var transcoder = new OpusG711Transcoder(G711Law.Pcmu);
        var heard = new List<short>();
        var g711 = new byte[OpusG711Transcoder.MaxDecodedSamples];
        var pcm = new short[OpusG711Transcoder.MaxDecodedSamples];
        foreach (var packet in fromBrowser.Where(IsOpus))
        {
            var samples = transcoder.OpusToG711(Payload(packet), g711);
            Assert.True(samples > 0);
            G711.Decode(G711Law.Pcmu, g711.AsSpan(0, samples), pcm.AsSpan(0, samples));
            heard.AddRange(pcm.AsSpan(0, samples).ToArray());
        }

        Assert.True(heard.Max(s => Math.Abs((int)s)) > 3_000, "Chromium's fake microphone is heard");

        // Our answer's maxplaybackrate=8000 (RFC 7587 §6.1): Chromium sends narrowband Opus, which decodes at 8 kHz.
        var bandwidths = fromBrowser.Where(IsOpus).Select(p => OpusG711Transcoder.IsNarrowband(Payload(p)[0])).ToList();
        Assert.True(bandwidths.Skip(5).All(narrow => narrow), $"{bandwidths.Count(n => !n)} of {bandwidths.Count} Opus packets were wider than narrowband");

        // Our Opus into Chromium: 2 s of a 440 Hz tone, 20 ms packets, payload type 111, 48 kHz timestamps.
        var tone = new short[160];
        var opus = new byte[OpusG711Transcoder.MaxOpusFrameBytes];
        var toBrowser = new OpusG711Transcoder(G711Law.Pcmu);
        var frame = new byte[160];
        for (var n = 0; n < 100; n++)
        {
            for (var i = 0; i < 160; i++)
            {
                tone[i] = (short)(12_000 * Math.Sin(2 * Math.PI * 440 * ((n * 160) + i) / 8_000.0));
            }

            G711.Encode(G711Law.Pcmu, tone, frame);
            var length = toBrowser.G711ToOpus(frame, opus);
            Assert.True(await media.SendAsync(Rtp((ushort)n, (uint)(n * OpusG711Transcoder.OpusTimestampStep), opus.AsSpan(0, length)), CancellationToken.None));
            await Task.Delay(20);
        }

        var stats = await page.EvaluateAsync<JsonElement>(InboundStatsScript);
        Assert.True(stats.GetProperty("packetsReceived").GetInt32() >= 80, stats.ToString());
        Assert.True(stats.GetProperty("totalAudioEnergy").GetDouble() > 0, stats.ToString());
        Assert.NotNull(keys);
    }

    [Fact]
    public async Task OurOffer_AnsweredByChromium_ItTakesDtlsClientAndItsOpusArrives()
    {
        var page = await OpenAsync();
        var ufrag = RandomToken(8);
        var password = RandomToken(24);
        var certificate = DtlsCertificate.Create(TimeProvider.System);
        await using var media = new WebRtcMediaSocket(new IPEndPoint(IPAddress.Loopback, 0), new IceLiteResponder(ufrag, password, LoopbackOnly),
            certificate, remoteFingerprint: null, NullLogger.Instance);
        var fromBrowser = new ConcurrentQueue<byte[]>();
        media.PacketReceived = packet => fromBrowser.Enqueue(packet.ToArray());
        media.Start();
        var local = new SdpWebRtcLocal(IPAddress.Loopback, media.LocalEndPoint.Port, ufrag, password, certificate.Fingerprint);
        var offer = SdpWebRtcOffer.Create(local, new SdpOriginTracker(IPAddress.Loopback, "4343", 1));

        var answerText = await page.EvaluateAsync<string>(AnswerOfferScript, SdpWriter.Format(offer));
        var answer = SdpWebRtcOffer.ProcessAnswer(offer, SdpParser.Parse(answerText), local);

        Assert.True(answer.IsAccepted, answerText);
        Assert.Equal(SdpSetupRole.Active, answer.Remote!.Setup);
        Assert.Equal("opus", answer.Audio!.Codec.Name);
        media.SetRemoteFingerprint(answer.Remote.Fingerprint);
        await WaitAsync(page, "pc.connectionState === 'connected'", "Chromium's peer connection is connected (ICE and DTLS)");
        await media.Keys.WaitAsync(TimeSpan.FromSeconds(10));
        await WebRig.EventuallyAsync(() => Task.FromResult(fromBrowser.Count(IsOpus) >= 50), "a second of Opus from Chromium arrives");
    }

    private const string AnswerOfferScript = """
        async sdp => {
          window.pc = new RTCPeerConnection();
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          stream.getTracks().forEach(t => pc.addTrack(t, stream));
          await pc.setRemoteDescription({ type: 'offer', sdp });
          await pc.setLocalDescription(await pc.createAnswer());
          return pc.localDescription.sdp;
        }
        """;

    private const string CreateOfferScript = """
        async () => {
          window.pc = new RTCPeerConnection();
          const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
          stream.getTracks().forEach(t => pc.addTrack(t, stream));
          pc.ontrack = e => { const a = new Audio(); a.srcObject = e.streams[0] ?? new MediaStream([e.track]); a.play(); window.remoteAudio = a; };
          await pc.setLocalDescription(await pc.createOffer());
          await new Promise(resolve => {
            if (pc.iceGatheringState === 'complete') return resolve();
            pc.onicegatheringstatechange = () => pc.iceGatheringState === 'complete' && resolve();
            setTimeout(resolve, 5000);
          });
          return pc.localDescription.sdp;
        }
        """;

    private const string InboundStatsScript = """
        async () => {
          const report = await pc.getStats();
          for (const s of report.values()) {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') return { packetsReceived: s.packetsReceived ?? 0, totalAudioEnergy: s.totalAudioEnergy ?? 0, audioLevel: s.audioLevel ?? 0 };
          }
          return { packetsReceived: 0, totalAudioEnergy: 0, audioLevel: 0 };
        }
        """;

    private async Task<IPage> OpenAsync()
    {
        var page = await media.Browser.NewPageAsync();
        // A page on http://127.0.0.1 (a secure context, so getUserMedia works) served by Playwright itself.
        await page.RouteAsync(Page, route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<!doctype html><title>webrtc</title>" }));
        await page.GotoAsync(Page);
        return page;
    }

    /// <summary>Polls <paramref name="condition"/> in the page for up to 30 s (a cold DTLS handshake on a loaded CI machine took over 10 s).</summary>
    private static async Task WaitAsync(IPage page, string condition, string what)
    {
        for (var i = 0; i < 300 && !await page.EvaluateAsync<bool>(condition); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await page.EvaluateAsync<bool>(condition), what + ": " + await page.EvaluateAsync<string>("pc.connectionState + '/' + pc.iceConnectionState"));
    }

    private static bool IsOpus(byte[] packet) => packet.Length > 12 && (packet[1] & 0x7F) == 111;

    private static ReadOnlySpan<byte> Payload(byte[] packet)
    {
        var headerLength = 12 + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            headerLength += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(headerLength + 2)));
        }

        return packet.AsSpan(headerLength);
    }

    private static byte[] Rtp(ushort sequence, uint timestamp, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = (byte)(111 | (sequence == 0 ? 0x80 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234ABCD);
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", length);
}
