using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ContactCenter.Media.Rtp;

/// <summary>Random SSRCs, initial sequence numbers and timestamps (RFC 3550 §5.1, §8.1).</summary>
internal static class RtpRandom
{
    public static uint NextUInt32()
    {
        Span<byte> bytes = stackalloc byte[4];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    public static ushort NextUInt16() => (ushort)NextUInt32();
}
