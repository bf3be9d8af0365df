using System.Buffers.Binary;
using ContactCenter.Media.Srtp;

namespace ContactCenter.Media.Tests.Srtp;

/// <summary>
/// SRTP/SRTCP against the reference packets that libsrtp's validation driver checks (key and salt of RFC 3711 B.3,
/// SSRC 0xcafebabe, sequence 0x1234), and the receiver's replay, rollover and forgery rules.
/// </summary>
public sealed class SrtpSessionTests
{
    private static readonly byte[] KeySalt = Convert.FromHexString("e1f97a0d3e018be0d64fa32c06de4139" + "0ec675ad498afeebb6960b3aabe6");
    private static readonly byte[] RtpPlain = Convert.FromHexString("800f1234decafbadcafebabe" + "abababababababababababababababab");
    private static readonly byte[] SrtpReference = Convert.FromHexString(
        "800f1234decafbadcafebabe" + "4e55dc4ce79978d88ca4d215949d2402" + "b78d6acc99ea179b8dbb");
    private static readonly byte[] RtcpPlain = Convert.FromHexString("81c8000bcafebabe" + "abababababababababababababababab");
    private static readonly byte[] SrtcpReference = Convert.FromHexString(
        "81c8000bcafebabe" + "7128035be487b9bdbef89041f977a5a8" + "80000001" + "993e08cd54d6c1230798");

    [Fact]
    public void ProtectRtp_ReferencePacket_EqualsReferenceCiphertextAndTag()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        byte[] buffer = Buffer(RtpPlain, 10);

        SrtpResult result = session.ProtectRtp(buffer, RtpPlain.Length, out int length);

        Assert.Equal(SrtpResult.Ok, result);
        Assert.Equal(Convert.ToHexString(SrtpReference), Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void ProtectRtp_Sha1x32_SameCiphertextWithTheTagCutTo32Bits()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x32);
        byte[] buffer = Buffer(RtpPlain, 4);

        session.ProtectRtp(buffer, RtpPlain.Length, out int length);

        Assert.Equal(Convert.ToHexString(SrtpReference, 0, RtpPlain.Length + 4), Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void UnprotectRtp_ReferenceCiphertext_GivesThePlainPacket()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        byte[] packet = [.. SrtpReference];

        SrtpResult result = session.UnprotectRtp(packet, out int length);

        Assert.Equal(SrtpResult.Ok, result);
        Assert.Equal(Convert.ToHexString(RtpPlain), Convert.ToHexString(packet, 0, length));
    }

    [Fact]
    public void ProtectRtcp_ReferencePacket_EncryptedWithIndexOneAndTagged()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        byte[] buffer = Buffer(RtcpPlain, 14);

        SrtpResult result = session.ProtectRtcp(buffer, RtcpPlain.Length, out int length);

        Assert.Equal(SrtpResult.Ok, result);
        Assert.Equal(Convert.ToHexString(SrtcpReference), Convert.ToHexString(buffer, 0, length));
    }

    [Fact]
    public void UnprotectRtcp_ReferenceCiphertext_GivesThePlainReport()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x32);
        byte[] packet = [.. SrtcpReference];

        SrtpResult result = session.UnprotectRtcp(packet, out int length);

        Assert.Equal(SrtpResult.Ok, result);
        Assert.Equal(Convert.ToHexString(RtcpPlain), Convert.ToHexString(packet, 0, length));
    }

    [Theory]
    [InlineData(12)]  // header: authenticated, not encrypted
    [InlineData(20)]  // payload
    [InlineData(30)]  // tag
    public void UnprotectRtp_OneBitFlipped_AuthenticationFailsAndPacketIsLeftAlone(int offset)
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        byte[] packet = [.. SrtpReference];
        packet[offset] ^= 0x01;
        byte[] received = [.. packet];

        SrtpResult result = session.UnprotectRtp(packet, out _);

        Assert.Equal(SrtpResult.AuthenticationFailed, result);
        Assert.Equal(received, packet);
    }

    [Fact]
    public void UnprotectRtp_SamePacketTwice_SecondIsAReplay()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        session.UnprotectRtp((byte[])[.. SrtpReference], out _);

        SrtpResult result = session.UnprotectRtp((byte[])[.. SrtpReference], out _);

        Assert.Equal(SrtpResult.Replayed, result);
    }

    [Fact]
    public void UnprotectRtcp_SamePacketTwice_SecondIsAReplay()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        session.UnprotectRtcp((byte[])[.. SrtcpReference], out _);

        SrtpResult result = session.UnprotectRtcp((byte[])[.. SrtcpReference], out _);

        Assert.Equal(SrtpResult.Replayed, result);
    }

    [Fact]
    public void UnprotectRtp_KeyedByAnotherMasterKey_AuthenticationFails()
    {
        using var sender = new SrtpSession(SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80), Key(SrtpSuite.AesCm128HmacSha1x80));
        using var receiver = Session(SrtpSuite.AesCm128HmacSha1x80);
        byte[] buffer = Buffer(RtpPlain, 10);
        sender.ProtectRtp(buffer, RtpPlain.Length, out int length);

        SrtpResult result = receiver.UnprotectRtp(buffer.AsSpan(0, length), out _);

        Assert.Equal(SrtpResult.AuthenticationFailed, result);
    }

    [Fact]
    public void RoundTrip_AcrossTheSequenceWrapWithReordering_EveryPacketDecryptsOnce()
    {
        var (sender, receiver) = Pair();
        using (sender)
        using (receiver)
        {
            // 65,530 .. 65,535, 0 .. 9 (rollover 1), sent in order but received with neighbours swapped.
            ushort[] sent = [.. Enumerable.Range(65_530, 16).Select(n => (ushort)n)];
            byte[][] wire = [.. sent.Select((sequence, i) => Protect(sender, sequence, (byte)i))];
            int[] order = [0, 1, 2, 3, 4, 6, 5, 7, 9, 8, 10, 11, 12, 14, 13, 15];

            var payloads = new List<byte>();
            foreach (int i in order)
            {
                byte[] packet = wire[i];
                Assert.Equal(SrtpResult.Ok, receiver.UnprotectRtp(packet, out int length));
                Assert.Equal(sent[i], BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
                payloads.Add(packet[length - 1]);
            }

            Assert.Equal(order.Select(i => (byte)i), payloads);
            Assert.Equal(SrtpResult.Replayed, receiver.UnprotectRtp((byte[])[.. wire[15]], out _));
        }
    }

    [Fact]
    public void UnprotectRtp_OlderThanTheReplayWindow_Refused()
    {
        var (sender, receiver) = Pair();
        using (sender)
        using (receiver)
        {
            byte[] old = Protect(sender, 100, 0);
            receiver.UnprotectRtp(Protect(sender, 101, 0), out _);
            receiver.UnprotectRtp(Protect(sender, 200, 0), out _);

            SrtpResult result = receiver.UnprotectRtp(old, out _);

            Assert.Equal(SrtpResult.Replayed, result);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(21)]
    public void UnprotectRtp_TooShort_Malformed(int length)
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);

        SrtpResult result = session.UnprotectRtp(SrtpReference.AsSpan(0, length).ToArray(), out _);

        Assert.Equal(SrtpResult.Malformed, result);
    }

    [Fact]
    public void UnprotectRtp_ForgedPacketsFromManySsrcs_KeepNoStateAndLeaveTheRealStreamWorking()
    {
        using var session = Session(SrtpSuite.AesCm128HmacSha1x80);
        for (uint ssrc = 1; ssrc <= 1000; ssrc++)
        {
            byte[] forged = [.. SrtpReference];
            BinaryPrimitives.WriteUInt32BigEndian(forged.AsSpan(8), ssrc);
            Assert.Equal(SrtpResult.AuthenticationFailed, session.UnprotectRtp(forged, out _));
        }

        SrtpResult result = session.UnprotectRtp((byte[])[.. SrtpReference], out _);

        Assert.Equal(SrtpResult.Ok, result);
    }

    private static SrtpMasterKey Key(SrtpSuite suite) =>
        SrtpMasterKey.TryCreate(suite, KeySalt, out SrtpMasterKey? key) ? key : throw new InvalidOperationException();

    private static SrtpSession Session(SrtpSuite suite) => new(Key(suite), Key(suite));

    private static (SrtpSession Sender, SrtpSession Receiver) Pair()
    {
        SrtpMasterKey a = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80), b = SrtpMasterKey.Generate(SrtpSuite.AesCm128HmacSha1x80);
        return (new SrtpSession(a, b), new SrtpSession(b, a));
    }

    private static byte[] Protect(SrtpSession sender, ushort sequence, byte marker)
    {
        byte[] buffer = Buffer(RtpPlain, 10);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequence);
        buffer[RtpPlain.Length - 1] = marker;
        Assert.Equal(SrtpResult.Ok, sender.ProtectRtp(buffer, RtpPlain.Length, out int length));
        return buffer[..length];
    }

    private static byte[] Buffer(byte[] plain, int room)
    {
        byte[] buffer = new byte[plain.Length + room];
        plain.CopyTo(buffer, 0);
        return buffer;
    }
}
