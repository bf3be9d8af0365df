using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ContactCenter.Media.Srtp;

/// <summary>
/// The session keys of one direction for RTP or for RTCP (RFC 3711 §4.3): counter-mode encryption and HMAC-SHA1
/// authentication. Not thread-safe; its owner serialises use.
/// </summary>
internal sealed class SrtpCipher : IDisposable
{
    private readonly AesCounterMode _aes;
    private readonly IncrementalHash _hmac;
    private readonly byte[] _salt;

    public SrtpCipher(SrtpMasterKey master, bool rtcp)
    {
        SrtpSuite suite = master.Suite;
        Span<byte> key = stackalloc byte[suite.KeyLength];
        Span<byte> authKey = stackalloc byte[suite.AuthenticationKeyLength];
        _salt = new byte[suite.SaltLength];
        SrtpKeyDerivation.Derive(master, rtcp ? SrtpKeyDerivation.RtcpEncryption : SrtpKeyDerivation.RtpEncryption, key);
        SrtpKeyDerivation.Derive(master, rtcp ? SrtpKeyDerivation.RtcpAuthentication : SrtpKeyDerivation.RtpAuthentication, authKey);
        SrtpKeyDerivation.Derive(master, rtcp ? SrtpKeyDerivation.RtcpSalt : SrtpKeyDerivation.RtpSalt, _salt);
        _aes = new AesCounterMode(key);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authKey);
    }

    /// <summary>Encrypts or decrypts <paramref name="data"/> in place for the packet of <paramref name="ssrc"/> and <paramref name="index"/>.</summary>
    public void Crypt(uint ssrc, ulong index, Span<byte> data)
    {
        // RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        _salt.CopyTo(iv);
        Span<byte> ssrcAndIndex = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(ssrcAndIndex, ssrc);
        for (int i = 0; i < 4; i++)
        {
            iv[4 + i] ^= ssrcAndIndex[i];
        }

        BinaryPrimitives.WriteUInt64BigEndian(ssrcAndIndex, index << 16);
        for (int i = 0; i < 6; i++)
        {
            iv[8 + i] ^= ssrcAndIndex[i];
        }

        _aes.Apply(iv, data);
    }

    /// <summary>Writes the full 20-byte HMAC-SHA1 of <paramref name="authenticated"/> followed by <paramref name="trailer"/>.</summary>
    public void Authenticate(ReadOnlySpan<byte> authenticated, ReadOnlySpan<byte> trailer, Span<byte> mac)
    {
        _hmac.AppendData(authenticated);
        _hmac.AppendData(trailer);
        _hmac.GetHashAndReset(mac);
    }

    public void Dispose()
    {
        _aes.Dispose();
        _hmac.Dispose();
    }
}
