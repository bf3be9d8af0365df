using System.Security.Cryptography;

namespace ContactCenter.Media.Srtp;

/// <summary>
/// AES in counter mode as RFC 3711 §4.1.1 defines it: a 128-bit IV whose low 16 bits count blocks. .NET offers no
/// counter mode, so the keystream is AES-ECB (the platform's, one transform kept for the context's life) over the counter blocks, XORed into the data. Not
/// thread-safe: each SRTP context owns its instance and serialises its use.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private const int BlockSize = 16;
    private const int MaxBlocksPerCall = 128;
    private readonly Aes _aes;
    private readonly ICryptoTransform _encryptor;
    private readonly byte[] _counters = new byte[MaxBlocksPerCall * BlockSize];
    private readonly byte[] _keystream = new byte[MaxBlocksPerCall * BlockSize];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;

        // One transform for the context's life: the one-shot EncryptEcb sets up a native cipher context per call.
        _encryptor = _aes.CreateEncryptor();
    }

    /// <summary>XORs the keystream that starts at <paramref name="iv"/> (16 bytes) into <paramref name="data"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        uint counter = (uint)((iv[14] << 8) | iv[15]);
        while (!data.IsEmpty)
        {
            int blocks = Math.Min(MaxBlocksPerCall, (data.Length + BlockSize - 1) / BlockSize);
            Span<byte> counters = _counters.AsSpan(0, blocks * BlockSize);
            for (int b = 0; b < blocks; b++, counter++)
            {
                Span<byte> block = counters.Slice(b * BlockSize, BlockSize);
                iv[..14].CopyTo(block);
                block[14] = (byte)(counter >> 8);
                block[15] = (byte)counter;
            }

            Span<byte> keystream = _keystream.AsSpan(0, counters.Length);
            _encryptor.TransformBlock(_counters, 0, counters.Length, _keystream, 0);
            int n = Math.Min(data.Length, keystream.Length);
            Xor(data[..n], keystream[..n]);
            data = data[n..];
        }
    }

    public void Dispose()
    {
        _encryptor.Dispose();
        _aes.Dispose();
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int width = System.Numerics.Vector<byte>.Count;
            for (; i + width <= data.Length; i += width)
            {
                var v = new System.Numerics.Vector<byte>(data[i..]) ^ new System.Numerics.Vector<byte>(keystream[i..]);
                v.CopyTo(data[i..]);
            }
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }
}
