using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Ports;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Srtp;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContactCenter.CallEngine.Tests.Media;

/// <summary>
/// Issue #17: a leg's SDES-SRTP (RFC 4568) - what we offer in each mode, SRTP offers answered with our own key, plain
/// media refused where SRTP is required, and a leg that agreed SRTP taking only packets that authenticate.
/// </summary>
public sealed class LegMediaSrtpTests : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string _peerKey = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80).ToBase64();
    private readonly Socket _peer = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private MediaRelay _relay = null!;

    public Task InitializeAsync()
    {
        var first = 30_000 + (2 * Random.Shared.Next(0, 5_000));
        var options = Microsoft.Extensions.Options.Options.Create(new MediaOptions { PortMin = first, PortMax = first + 7, RtcpInterval = TimeSpan.Zero });
        var metrics = new MediaMetrics(_services.GetRequiredService<IMeterFactory>());
        _relay = new MediaRelay(new RtpPortAllocator(options.Value.PortRange, metrics), options, metrics, TimeProvider.System, NullLoggerFactory.Instance);
        _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _peer.Dispose();
        _relay.Dispose();
        await _services.DisposeAsync();
    }

    [Theory]
    [InlineData(SdpSrtpMode.Off, "RTP/AVP", 0)]
    [InlineData(SdpSrtpMode.Allow, "RTP/AVP", 2)]
    [InlineData(SdpSrtpMode.Require, "RTP/SAVP", 2)]
    public async Task CreateOffer_KeysOnlyWhenTheModeSaysSo(SdpSrtpMode mode, string protocol, int cryptoLines)
    {
        await using var media = Create(mode);

        var audio = Assert.Single(media.CreateOffer(ContactCenter.Media.Codecs.G711Law.Pcmu).Media);

        Assert.Equal(protocol, audio.Protocol);
        var crypto = SdpCrypto.From(audio);
        Assert.Equal(cryptoLines, crypto.Count);
        Assert.All(crypto, c => Assert.Equal(30, c.Keys[0].DecodeKeySalt()!.Length));
    }

    [Fact]
    public async Task TwoLegs_NeverShareAKey()
    {
        await using var first = Create(SdpSrtpMode.Require);
        await using var second = Create(SdpSrtpMode.Require);

        var keys = new[] { first, second }.SelectMany(m => SdpCrypto.From(m.CreateOffer(ContactCenter.Media.Codecs.G711Law.Pcmu).Media[0]))
            .Select(c => c.Keys[0].KeySalt).ToList();

        Assert.Equal(4, keys.Distinct().Count());
    }

    [Fact]
    public async Task PlainLeg_SavpOffer_AnsweredWithOurKey_LegIsSrtp()
    {
        await using var media = Create(SdpSrtpMode.Off);

        var result = media.Answer(Offer("RTP/SAVP", withKey: true));

        Assert.True(result.IsAccepted);
        var answered = Assert.Single(SdpCrypto.From(result.Answer!.Media[0]));
        Assert.NotEqual(_peerKey, answered.Keys[0].KeySalt);
        Assert.Equal("RTP/SAVP", result.Answer.Media[0].Protocol);
        Assert.True(media.IsSrtp);
    }

    [Fact]
    public async Task ReOffer_SameKey_SameAnswerKey_PeerReKeys_OurKeyChangesToo()
    {
        await using var media = Create(SdpSrtpMode.Require);
        string OurKey(SdpAnswerResult answer) => SdpCrypto.From(answer.Answer!.Media[0])[0].Keys[0].KeySalt;
        var first = OurKey(media.Answer(Offer("RTP/SAVP", withKey: true)));

        var hold = OurKey(media.Answer(Offer("RTP/SAVP", withKey: true)));
        var rekeyed = OurKey(media.Answer(Offer("RTP/SAVP", withKey: true, key: SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80).ToBase64())));

        Assert.Equal(first, hold);
        Assert.NotEqual(first, rekeyed);
        Assert.True(media.IsSrtp);
    }

    [Fact]
    public async Task OurReOfferOnAnSrtpLeg_CarriesNewKeys()
    {
        await using var media = Create(SdpSrtpMode.Require);
        Assert.True(media.Answer(Offer("RTP/SAVP", withKey: true)).IsAccepted);
        var before = SdpCrypto.From(media.Local!.Media[0])[0].Keys[0].KeySalt;

        var reOffer = media.CreateOffer(ContactCenter.Media.Codecs.G711Law.Pcmu, SdpDirection.SendOnly);

        Assert.DoesNotContain(SdpCrypto.From(reOffer.Media[0]), c => c.Keys[0].KeySalt == before);
    }

    [Fact]
    public async Task SrtpRequired_PlainOffer_Refused_PlainAnswer_Refused()
    {
        await using var media = Create(SdpSrtpMode.Require);

        Assert.False(media.Answer(Offer("RTP/AVP", withKey: false)).IsAccepted);
        media.CreateOffer(ContactCenter.Media.Codecs.G711Law.Pcmu);
        Assert.False(media.AcceptAnswer(Offer("RTP/AVP", withKey: false)));
        Assert.False(media.IsSrtp);
    }

    [Fact]
    public async Task SrtpLeg_TakesPacketsThatAuthenticate_RefusesPlainRtp()
    {
        await using var media = Create(SdpSrtpMode.Require);
        var answer = media.Answer(Offer("RTP/SAVP", withKey: true));
        Assert.True(answer.IsAccepted);
        var ours = SdpCrypto.From(answer.Answer!.Media[0])[0].Keys[0].DecodeKeySalt();
        Assert.True(SrtpMasterKey.TryCreate(SrtpSuite.AesCm128HmacSha1x80, Convert.FromBase64String(_peerKey), out var peerKey));
        Assert.True(SrtpMasterKey.TryCreate(SrtpSuite.AesCm128HmacSha1x80, ours, out var ourKey));
        using var peer = new SrtpSession(peerKey, ourKey);

        for (ushort sequence = 1; sequence <= 5; sequence++)
        {
            var packet = new byte[12 + 160 + 10];
            int length = WriteRtp(packet, sequence);
            Assert.Equal(SrtpResult.Ok, peer.ProtectRtp(packet, length, out int protectedLength));
            await _peer.SendToAsync(packet.AsMemory(0, protectedLength), SocketFlags.None, media.Endpoint.LocalRtpEndPoint);
        }

        var plain = new byte[12 + 160];
        await _peer.SendToAsync(plain.AsMemory(0, WriteRtp(plain, 6)), SocketFlags.None, media.Endpoint.LocalRtpEndPoint);

        Assert.True(SpinWait.SpinUntil(() => media.Endpoint.Statistics.PacketsReceived == 6, TimeSpan.FromSeconds(5)));
        Assert.True(SpinWait.SpinUntil(() => media.Endpoint.Statistics.PacketsRejected == 1, TimeSpan.FromSeconds(5)),
            $"rejected {media.Endpoint.Statistics.PacketsRejected} of 6");
    }

    private static int WriteRtp(byte[] buffer, ushort sequence)
    {
        buffer[0] = 0x80;
        buffer[1] = 0; // PCMU
        buffer[2] = (byte)(sequence >> 8);
        buffer[3] = (byte)sequence;
        buffer[7] = (byte)(sequence * 160);
        buffer[11] = 0x42; // SSRC
        buffer.AsSpan(12, 160).Fill(0x55);
        return 12 + 160;
    }

    private LegMedia Create(SdpSrtpMode mode)
    {
        Assert.True(LegMedia.TryCreate(_relay, out var media, mode));
        return media;
    }

    private SdpSession Offer(string protocol, bool withKey, string? key = null)
    {
        int port = ((IPEndPoint)_peer.LocalEndPoint!).Port;
        var text = "v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
            $"m=audio {port} {protocol} 0\r\na=rtpmap:0 PCMU/8000\r\n" +
            (withKey ? $"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{key ?? _peerKey}\r\n" : "");
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out _));
        return session!;
    }
}
