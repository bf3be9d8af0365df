using System.Security.Cryptography;

namespace ContactCenter.Sip.Syntax;

/// <summary>
/// Makes branch ids, tags and Call-IDs (RFC 3261 §8.1.1.4, §8.1.1.7, §19.3). Uses
/// <see cref="RandomNumberGenerator"/> unless a <see cref="Random"/> is passed in (tests, replays).
/// </summary>
public static class SipIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

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
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            random.NextBytes(bytes);
        }

        return string.Create(length, bytes.ToArray(), static (chars, b) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[b[i] % Alphabet.Length];
            }
        });
    }
}
