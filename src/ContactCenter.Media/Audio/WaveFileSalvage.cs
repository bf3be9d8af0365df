using System.Buffers.Binary;

namespace ContactCenter.Media.Audio;

/// <summary>
/// Makes a WAV file whose writer stopped half-way (a write that failed on a full disk, so the sizes in its header were
/// never filled in) playable: the RIFF and data sizes are set to the whole frames that reached the file and a torn last
/// frame is cut off. Only bytes already in the file are overwritten, so it works on a disk with no room left.
/// </summary>
public static class WaveFileSalvage
{
    private const int RiffHeaderBytes = 12;
    private const int ChunkHeaderBytes = 8;
    private const int FormatBytes = 16;

    /// <summary>
    /// Fixes the header of the WAV file at <paramref name="path"/> and syncs it to the disk; returns the length of audio it
    /// holds, or null when it has no WAV header with a format and a data chunk, or no whole frame of audio.
    /// </summary>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static TimeSpan? TryFinish(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        Span<byte> riff = stackalloc byte[RiffHeaderBytes];
        Span<byte> chunk = stackalloc byte[ChunkHeaderBytes];
        Span<byte> format = stackalloc byte[FormatBytes];
        if (file.ReadAtLeast(riff, RiffHeaderBytes, throwOnEndOfStream: false) < RiffHeaderBytes
            || !riff[..4].SequenceEqual("RIFF"u8) || !riff[8..].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        int blockAlign = 0, byteRate = 0;
        while (file.ReadAtLeast(chunk, ChunkHeaderBytes, throwOnEndOfStream: false) == ChunkHeaderBytes)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            var body = file.Position;
            if (chunk[..4].SequenceEqual("fmt "u8))
            {
                if (size < FormatBytes || file.ReadAtLeast(format, FormatBytes, throwOnEndOfStream: false) < FormatBytes)
                {
                    return null;
                }

                byteRate = BinaryPrimitives.ReadInt32LittleEndian(format[8..]);
                blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(format[12..]);
            }
            else if (chunk[..4].SequenceEqual("data"u8))
            {
                // The data chunk's size was written as a placeholder: what follows it in the file is the audio.
                var data = blockAlign == 0 ? 0 : (file.Length - body) / blockAlign * blockAlign;
                if (data <= 0 || byteRate <= 0 || body + data - ChunkHeaderBytes > uint.MaxValue)
                {
                    return null;
                }

                file.SetLength(body + data);
                WriteSize(file, body - 4, data);
                WriteSize(file, 4, body + data - ChunkHeaderBytes);
                file.Flush(flushToDisk: true);
                return TimeSpan.FromSeconds((double)data / byteRate);
            }

            file.Position = body + size + (size & 1); // chunks are padded to an even length
        }

        return null;
    }

    private static void WriteSize(FileStream file, long at, long size)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)size);
        file.Position = at;
        file.Write(bytes);
    }
}
