using System.Security.Cryptography;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Makes branch ids, tags and Call-IDs (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3). Uses
/// <see cref="RandomNumberGenerator"/> unless a <see cref="Random"/> is passed in (tests, replays).
/// </summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int RandomBlock = 512;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;

    /// <summary>A new branch: the <c>z9hG4bK</c> magic cookie and 16 random characters.</summary>
    public static string NewBranch() => Headers.SipVia.BranchMagicCookie + RandomText(16, null);

    /// <summary>A new branch drawing on <paramref name="random"/>.</summary>
    public static string NewBranch(Random random) => Headers.SipVia.BranchMagicCookie + RandomText(16, random);

    /// <summary>A new From/To tag: 12 random characters (about 62 bits, RFC 3261 §19.3 asks for 32).</summary>
    public static string NewTag() => RandomText(12, null);

    /// <summary>A new tag drawing on <paramref name="random"/>.</summary>
    public static string NewTag(Random random) => RandomText(12, random);

    /// <summary>A new Call-ID: 24 random characters, with <c>@host</c> when a host is given.</summary>
    public static string NewCallId(string? host = null) => WithHost(RandomText(24, null), host);

    /// <summary>A new Call-ID drawing on <paramref name="random"/>.</summary>
    public static string NewCallId(Random random, string? host = null) => WithHost(RandomText(24, random), host);

    private static string WithHost(string id, string? host) => string.IsNullOrEmpty(host) ? id : id + "@" + host;

    private static string RandomText(int length, Random? random)
    {
        Span<byte> bytes = stackalloc byte[length];
        if (random is null)
        {
            FillSecure(bytes);
        }
        else
        {
            random.NextBytes(bytes);
        }

        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % Alphabet.Length];
        }

        return new string(chars);
    }

    // Bytes of the system's CSPRNG, drawn a block at a time per thread (issue #14: one OpenSSL call per branch, tag and
    // Call-ID - several per call - was a visible part of the host's CPU); each byte is handed out once and then wiped.
    private static void FillSecure(Span<byte> bytes)
    {
        if (bytes.Length > RandomBlock)
        {
            RandomNumberGenerator.Fill(bytes);
            return;
        }

        if (t_random is null)
        {
            t_random = new byte[RandomBlock];
            t_used = RandomBlock;
        }

        if (t_used + bytes.Length > RandomBlock)
        {
            RandomNumberGenerator.Fill(t_random);
            t_used = 0;
        }

        var taken = t_random.AsSpan(t_used, bytes.Length);
        taken.CopyTo(bytes);
        taken.Clear();
        t_used += bytes.Length;
    }
}
