namespace ContactCenter.Media.Srtp;

/// <summary>The session keys of RFC 3711 §4.3 derived from a master key with a key derivation rate of 0.</summary>
internal static class SrtpKeyDerivation
{
    /// <summary>The labels of RFC 3711 §4.3.1 / §4.3.2.</summary>
    public const byte RtpEncryption = 0, RtpAuthentication = 1, RtpSalt = 2, RtcpEncryption = 3, RtcpAuthentication = 4, RtcpSalt = 5;

    /// <summary>Fills <paramref name="output"/> with the session key for <paramref name="label"/>.</summary>
    public static void Derive(SrtpMasterKey master, byte label, Span<byte> output)
    {
        // RFC 3711 §4.3.1: key_id = label || r (r = 0 when the key derivation rate is 0), right-aligned against the
        // 112-bit master salt; x = key_id XOR master_salt; the key is the AES-CM keystream of the master key at IV x * 2^16.
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        master.Salt.CopyTo(iv);
        iv[7] ^= label;
        output.Clear();
        using var aes = new AesCounterMode(master.Key);
        aes.Apply(iv, output);
    }
}
