using System.Security.Cryptography;

namespace ContactCenter.Media.Srtp;

/// <summary>
/// An SRTP master key and master salt (RFC 3711 §3.2.1) for one direction of one stream, as SDES carries them: the key
/// followed by the salt, base64-encoded (RFC 4568 §6.1).
/// </summary>
public sealed class SrtpMasterKey
{
    private readonly byte[] _keySalt;

    private SrtpMasterKey(SrtpSuite suite, byte[] keySalt)
    {
        Suite = suite;
        _keySalt = keySalt;
    }

    /// <summary>The suite the key is for.</summary>
    public SrtpSuite Suite { get; }

    /// <summary>The master key.</summary>
    public ReadOnlySpan<byte> Key => _keySalt.AsSpan(0, Suite.KeyLength);

    /// <summary>The master salt.</summary>
    public ReadOnlySpan<byte> Salt => _keySalt.AsSpan(Suite.KeyLength, Suite.SaltLength);

    /// <summary>A fresh random key and salt from the system's cryptographic generator.</summary>
    public static SrtpMasterKey Generate(SrtpSuite suite) =>
        new(suite, RandomNumberGenerator.GetBytes(suite.KeyLength + suite.SaltLength));

    /// <summary>The key and salt from their concatenation (the bytes of an SDES <c>inline:</c> parameter).</summary>
    /// <returns>False when the length does not match the suite.</returns>
    public static bool TryCreate(SrtpSuite suite, ReadOnlySpan<byte> keySalt, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SrtpMasterKey? key)
    {
        key = keySalt.Length == suite.KeyLength + suite.SaltLength ? new SrtpMasterKey(suite, keySalt.ToArray()) : null;
        return key is not null;
    }

    /// <summary>The key and salt as SDES writes them (base64 of their concatenation).</summary>
    public string ToBase64() => Convert.ToBase64String(_keySalt);

    /// <summary>Never the key itself: keys stay out of logs.</summary>
    public override string ToString() => $"{Suite.Name} master key";
}
