using ContactCenter.Media.Srtp;

namespace FuzzTargets;

/// <summary>
/// SRTP/SRTCP unprotect with a fixed key. The input is a list of packets, each: a flags byte (bit 7 RTCP, bit 6
/// "protected by the sender first", so authentication passes and decryption runs), a tamper position (255: none),
/// a length byte and the packet. Packets share one session, so replay windows and roll-over estimates carry over.
/// </summary>
internal static class SrtpTargets
{
    private static readonly byte[] KeySalt = [.. Enumerable.Range(1, 30).Select(i => (byte)(i * 7))];
    private static readonly byte[] OtherKeySalt = [.. Enumerable.Range(1, 30).Select(i => (byte)(i * 11))];

    public static void Unprotect(ReadOnlySpan<byte> input)
    {
        var suite = input.IsEmpty || (input[0] & 1) == 0 ? SrtpSuite.AesCm128HmacSha1x80 : SrtpSuite.AesCm128HmacSha1x32;
        if (!SrtpMasterKey.TryCreate(suite, KeySalt, out var theirs) || !SrtpMasterKey.TryCreate(suite, OtherKeySalt, out var ours))
        {
            throw new FuzzInvariantException("a 30-byte master key was refused");
        }

        using var receiver = new SrtpSession(ours, theirs);
        using var sender = new SrtpSession(theirs, ours);
        var buffer = new byte[256 + 64];
        for (input = input.IsEmpty ? input : input[1..]; input.Length >= 3; )
        {
            bool rtcp = (input[0] & 0x80) != 0, protect = (input[0] & 0x40) != 0;
            int tamper = input[1];
            var packet = input.Slice(3, Math.Min(input[2], input.Length - 3));
            input = input[(3 + packet.Length)..];
            packet.CopyTo(buffer);
            int length = packet.Length;
            if (protect)
            {
                var result = rtcp ? sender.ProtectRtcp(buffer, length, out length) : sender.ProtectRtp(buffer, length, out length);
                if (result != SrtpResult.Ok)
                {
                    continue;
                }

                if (tamper != 255)
                {
                    buffer[tamper % length] ^= 0x01;
                }
            }

            var unprotected = rtcp ? receiver.UnprotectRtcp(buffer.AsSpan(0, length), out int plain) : receiver.UnprotectRtp(buffer.AsSpan(0, length), out plain);
            if (protect && tamper != 255)
            {
                FuzzInvariantException.Check(unprotected != SrtpResult.Ok, "a tampered SRTP packet was accepted");
            }
            else if (protect && unprotected == SrtpResult.Ok)
            {
                FuzzInvariantException.Check(buffer.AsSpan(0, plain).SequenceEqual(packet), "an SRTP packet did not decrypt to what was sent");
            }
        }
    }
}
