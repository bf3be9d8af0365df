using System.Buffers.Binary;
using System.IO.Hashing;

namespace ContactCenter.Host.Calls.Spool;

/// <summary>
/// One call event in a spool segment: a header (payload length, CRC-32 of the payload) and the payload, UTF-8 JSON of
/// <see cref="SpoolPayload"/>. A record whose length or checksum does not match is a torn write at the tail.
/// </summary>
internal static class SpoolRecord
{
    /// <summary>Bytes before the payload: length and checksum, little-endian.</summary>
    public const int HeaderBytes = 8;

    /// <summary>The largest payload accepted; anything claiming more is corruption.</summary>
    public const int MaxPayloadBytes = 1024 * 1024;

    /// <summary>Writes header plus payload into <paramref name="record"/> (<see cref="HeaderBytes"/> more than the payload), ready to append.</summary>
    public static void Encode(ReadOnlySpan<byte> payload, Span<byte> record)
    {
        BinaryPrimitives.WriteInt32LittleEndian(record, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], Crc32.HashToUInt32(payload));
        payload.CopyTo(record[HeaderBytes..]);
    }

    /// <summary>Reads the payload length from a header; false when it cannot be a record.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out int length, out uint checksum)
    {
        length = BinaryPrimitives.ReadInt32LittleEndian(header);
        checksum = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        return length is > 0 and <= MaxPayloadBytes;
    }

    /// <summary>True when <paramref name="payload"/> is what the header's checksum says.</summary>
    public static bool Verify(ReadOnlySpan<byte> payload, uint checksum) => Crc32.HashToUInt32(payload) == checksum;
}
