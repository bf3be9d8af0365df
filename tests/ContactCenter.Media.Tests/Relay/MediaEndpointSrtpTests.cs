using ContactCenter.Media.Relay;
using ContactCenter.Media.Rtp;
using ContactCenter.Media.Srtp;

namespace ContactCenter.Media.Tests.Relay;

/// <summary>A leg speaking SRTP (RFC 3711) bridged to a plain RTP leg over real sockets, and what a forger can no longer do.</summary>
public sealed class MediaEndpointSrtpTests
{
    private static readonly byte[] Voice = [.. Enumerable.Range(0, 160).Select(i => (byte)(i * 7))];
    private static readonly byte[] OtherVoice = [.. Enumerable.Range(0, 160).Select(i => (byte)(255 - i))];

    [Fact]
    public async Task SrtpPhoneBridgedToPlainPhone_EachHearsTheOther_OnlyTheSrtpLegIsEncrypted()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var secure = new FakePhone();
        using var plain = new FakePhone();
        (MediaEndpoint a, MediaEndpoint b, _) = host.BridgePhones(secure, plain, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        using var keys = new Keys(SrtpSuite.AesCm128HmacSha1x80);
        a.SetSrtp(keys.Relay());

        await secure.SendRawAsync(a.LocalRtpEndPoint, keys.PhoneProtects(Rtp(1, 160, Voice)));
        ReceivedRtp heard = await plain.ReceiveAsync();
        await plain.SendAsync(b.LocalRtpEndPoint, 0, 50, 4_000, OtherVoice);
        byte[] wire = await secure.ReceiveRawAsync();

        Assert.Equal(Voice, heard.Payload);
        Assert.True(a.IsSecure);
        Assert.False(b.IsSecure);
        Assert.Equal(RtpPacket.FixedHeaderLength + OtherVoice.Length + 10, wire.Length); // the 80-bit tag
        Assert.False(wire.AsSpan(RtpPacket.FixedHeaderLength, OtherVoice.Length).SequenceEqual(OtherVoice), "the payload went out in the clear");
        Assert.Equal(OtherVoice, keys.PhoneUnprotects(wire));
    }

    [Fact]
    public async Task ForgedPacketsFromAnotherAddress_NeitherLatchNorReachTheOtherLeg()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var secure = new FakePhone();
        using var sprayer = new FakePhone();
        using var plain = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(secure, plain, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        using var keys = new Keys(SrtpSuite.AesCm128HmacSha1x80);
        using var guessed = new Keys(SrtpSuite.AesCm128HmacSha1x80);
        a.SetSrtp(keys.Relay());

        await sprayer.SendRawAsync(a.LocalRtpEndPoint, guessed.PhoneProtects(Rtp(1, 160, OtherVoice))); // wrong key
        await sprayer.SendAsync(a.LocalRtpEndPoint, 0, 2, 320, OtherVoice); // plain RTP
        bool nothing = await plain.NothingArrivesAsync(TimeSpan.FromMilliseconds(300));
        bool latchedBefore = a.IsLatched;
        await secure.SendRawAsync(a.LocalRtpEndPoint, keys.PhoneProtects(Rtp(1, 160, Voice)));
        ReceivedRtp heard = await plain.ReceiveAsync();

        Assert.True(nothing);
        Assert.False(latchedBefore);
        Assert.Equal(Voice, heard.Payload);
        Assert.Equal(secure.EndPoint, a.RemoteRtpEndPoint);
        Assert.Equal(2, a.Statistics.PacketsRejected);
    }

    [Fact]
    public async Task ReplayedPacket_DroppedOnce_TheStreamGoesOn()
    {
        await using var host = new RelayTestHost(rtcpInterval: TimeSpan.Zero);
        using var secure = new FakePhone();
        using var plain = new FakePhone();
        (MediaEndpoint a, _, _) = host.BridgePhones(secure, plain, MediaLegFormat.Pcmu, MediaLegFormat.Pcmu);
        using var keys = new Keys(SrtpSuite.AesCm128HmacSha1x32);
        a.SetSrtp(keys.Relay());
        byte[] first = keys.PhoneProtects(Rtp(7, 1_120, Voice));

        await secure.SendRawAsync(a.LocalRtpEndPoint, first);
        await plain.ReceiveAsync();
        await secure.SendRawAsync(a.LocalRtpEndPoint, first);
        bool replayDropped = await plain.NothingArrivesAsync(TimeSpan.FromMilliseconds(300));
        await secure.SendRawAsync(a.LocalRtpEndPoint, keys.PhoneProtects(Rtp(8, 1_280, OtherVoice)));

        Assert.True(replayDropped);
        Assert.Equal(OtherVoice, (await plain.ReceiveAsync()).Payload);
        Assert.Equal(1, a.Statistics.PacketsRejected);
    }

    private static byte[] Rtp(ushort sequence, uint timestamp, byte[] payload)
    {
        byte[] buffer = new byte[RtpPacket.FixedHeaderLength + payload.Length];
        Assert.True(new RtpPacket(0, sequence, timestamp, 0x0BAD_CAFE, payload).TryWrite(buffer, out _));
        return buffer;
    }

    /// <summary>The two master keys of one SDES exchange, and the phone's own SRTP session.</summary>
    private sealed class Keys(SrtpSuite suite) : IDisposable
    {
        private readonly SrtpMasterKey _phone = SrtpMasterKey.Generate(suite);
        private readonly SrtpMasterKey _relay = SrtpMasterKey.Generate(suite);
        private SrtpSession? _phoneSession;

        private SrtpSession PhoneSession => _phoneSession ??= new SrtpSession(_phone, _relay);

        /// <summary>The relay's session: sends with its key, receives with the phone's.</summary>
        public SrtpSession Relay() => new(_relay, _phone);

        public byte[] PhoneProtects(byte[] rtp)
        {
            byte[] buffer = new byte[rtp.Length + PhoneSession.RtpOverhead];
            rtp.CopyTo(buffer, 0);
            Assert.Equal(SrtpResult.Ok, PhoneSession.ProtectRtp(buffer, rtp.Length, out int length));
            return buffer[..length];
        }

        public byte[] PhoneUnprotects(byte[] srtp)
        {
            byte[] copy = [.. srtp];
            Assert.Equal(SrtpResult.Ok, PhoneSession.UnprotectRtp(copy, out int length));
            Assert.True(RtpPacket.TryParse(copy.AsSpan(0, length), out RtpPacket packet));
            return packet.Payload.ToArray();
        }

        public void Dispose() => _phoneSession?.Dispose();
    }
}
