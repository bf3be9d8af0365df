using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ContactCenter.Sip.UserAgents.Authentication;

/// <summary>Names, hash functions and session variants of <see cref="DigestAlgorithm"/> values.</summary>
public static class DigestAlgorithms
{
    private static readonly SearchValues<char> HexChars =
        SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The token written in the <c>algorithm</c> parameter.</summary>
    public static string GetName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>
    /// Reads an <c>algorithm</c> token, ignoring case. An absent token means MD5 (RFC 7616 §3.3:
    /// "If this is not present, it is assumed to be MD5").
    /// </summary>
    public static bool TryParse(string? name, out DigestAlgorithm algorithm)
    {
        algorithm = DigestAlgorithm.Md5;
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<DigestAlgorithm>())
        {
            if (GetName(candidate).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>True for the <c>-sess</c> variants, whose HA1 also covers the nonce and cnonce.</summary>
    public static bool IsSession(DigestAlgorithm algorithm) => algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;

    /// <summary>The plain variant sharing the stored <c>H(username:realm:password)</c>: MD5 or SHA-256.</summary>
    public static DigestAlgorithm GetBase(DigestAlgorithm algorithm) =>
        algorithm is DigestAlgorithm.Md5 or DigestAlgorithm.Md5Sess ? DigestAlgorithm.Md5 : DigestAlgorithm.Sha256;

    /// <summary>The length in hex characters of a hash made with <paramref name="algorithm"/>.</summary>
    public static int GetHexLength(DigestAlgorithm algorithm) => GetBase(algorithm) == DigestAlgorithm.Md5 ? 32 : 64;

    /// <summary>True when <paramref name="hex"/> is a well-formed hash for <paramref name="algorithm"/>.</summary>
    public static bool IsHash(DigestAlgorithm algorithm, [NotNullWhen(true)] string? hex) =>
        hex is not null && hex.Length == GetHexLength(algorithm) && !hex.AsSpan().ContainsAnyExcept(HexChars);

    /// <summary>Hashes UTF-8 text and returns lower-case hex (RFC 7616 §3.4.1).</summary>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "MD5 digest is required for RFC 3261 interoperability; SHA-256 is offered first.")]
    internal static string Hash(DigestAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        var written = GetBase(algorithm) == DigestAlgorithm.Md5 ? MD5.HashData(data, hash) : SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash[..written]);
    }
}
