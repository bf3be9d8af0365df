namespace ContactCenter.Sdp;

/// <summary>
/// One <c>inline:</c> key parameter of an <c>a=crypto</c> line (RFC 4568 §6.1): the master key and salt, concatenated
/// and base64-encoded, with the optional key lifetime and master key identifier.
/// </summary>
/// <param name="KeySalt">The base64 text of the master key followed by the master salt, as written.</param>
/// <param name="Lifetime">The key's lifetime in packets as written (<c>2^20</c> or <c>1048576</c>), when given.</param>
/// <param name="MkiValue">The MKI value, when the key carries one.</param>
/// <param name="MkiLength">The MKI's length in bytes on the wire (1-128), when the key carries one.</param>
public sealed record SdpCryptoKey(string KeySalt, string? Lifetime = null, int? MkiValue = null, int? MkiLength = null)
{
    /// <summary>The master key and salt bytes, or null when <see cref="KeySalt"/> is not valid base64.</summary>
    public byte[]? DecodeKeySalt()
    {
        byte[] buffer = new byte[(KeySalt.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(KeySalt, buffer, out int written) ? buffer[..written] : null;
    }

    /// <summary>The lifetime in packets, when given and representable; null when absent.</summary>
    public long? LifetimePackets =>
        Lifetime switch
        {
            null => null,
            ['2', '^', .. string exponent] when int.TryParse(exponent, System.Globalization.NumberStyles.None, null, out int e) && e < 63 => 1L << e,
            _ when long.TryParse(Lifetime, System.Globalization.NumberStyles.None, null, out long packets) => packets,
            _ => null,
        };

    /// <summary>Parses <c>inline:key-salt[|lifetime][|mki:length]</c>.</summary>
    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpCryptoKey? key)
    {
        key = null;
        const string Inline = "inline:";
        if (!text.StartsWith(Inline, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string[] parts = text[Inline.Length..].Split('|');
        if (parts.Length > 3 || parts[0].Length == 0 || !IsBase64Text(parts[0]))
        {
            return false;
        }

        string? lifetime = null;
        int? mkiValue = null, mkiLength = null;
        for (int i = 1; i < parts.Length; i++)
        {
            string part = parts[i];
            int colon = part.IndexOf(':');
            if (colon >= 0)
            {
                // RFC 4568 §9.1: mki = mki-value ":" mki-length, mki-length 1*3DIGIT of at most 128.
                if (mkiValue is not null || !SdpNumbers.TryParseInt32(part.AsSpan(0, colon), out int value) ||
                    !SdpNumbers.TryParseInt32(part.AsSpan(colon + 1), out int length) || length is < 1 or > 128)
                {
                    return false;
                }

                (mkiValue, mkiLength) = (value, length);
            }
            else if (lifetime is null && mkiValue is null && IsLifetime(part))
            {
                lifetime = part;
            }
            else
            {
                return false;
            }
        }

        key = new SdpCryptoKey(parts[0], lifetime, mkiValue, mkiLength);
        return true;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        string text = "inline:" + KeySalt;
        if (Lifetime is not null)
        {
            text += "|" + Lifetime;
        }

        return MkiValue is { } value ? $"{text}|{value}:{MkiLength}" : text;
    }

    private static bool IsLifetime(string part) =>
        part.StartsWith("2^", StringComparison.Ordinal) ? part.Length > 2 && part.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0
            : part.Length > 0 && part.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool IsBase64Text(string text)
    {
        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }
        }

        return true;
    }
}
