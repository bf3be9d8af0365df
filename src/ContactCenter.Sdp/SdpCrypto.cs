namespace ContactCenter.Sdp;

/// <summary>
/// <c>a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; &lt;key-params&gt; [&lt;session-params&gt;]</c> (RFC 4568 §9.1): one SRTP
/// crypto suite offered or accepted with its keys (SDES).
/// </summary>
/// <param name="Tag">The line's tag (1-999999999), which the answer repeats for the line it accepts.</param>
/// <param name="Suite">The crypto suite, e.g. <c>AES_CM_128_HMAC_SHA1_80</c>.</param>
/// <param name="Keys">The key parameters (<c>inline:</c> keys separated by <c>;</c>).</param>
/// <param name="SessionParameters">Session parameters as written (<c>UNENCRYPTED_SRTCP</c>, <c>KDR=</c>, ...).</param>
public sealed record SdpCrypto(int Tag, string Suite, EquatableArray<SdpCryptoKey> Keys, EquatableArray<string> SessionParameters)
{
    /// <summary>Parses the value of a <c>crypto</c> attribute; false for anything RFC 4568's grammar does not allow.</summary>
    public static bool TryParse(string? value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SdpCrypto? crypto)
    {
        crypto = null;
        if (value is null)
        {
            return false;
        }

        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0].Length > 9 || !SdpNumbers.TryParseInt32(parts[0], out int tag) || tag < 1 ||
            !IsSuiteName(parts[1]))
        {
            return false;
        }

        string[] keyTexts = parts[2].Split(';');
        var keys = new SdpCryptoKey[keyTexts.Length];
        for (int i = 0; i < keyTexts.Length; i++)
        {
            if (!SdpCryptoKey.TryParse(keyTexts[i], out SdpCryptoKey? key))
            {
                return false;
            }

            keys[i] = key;
        }

        crypto = new SdpCrypto(tag, parts[1], new EquatableArray<SdpCryptoKey>(keys), new EquatableArray<string>(parts[3..]));
        return true;
    }

    /// <summary>The crypto lines of a media description, in offer order (malformed ones left out).</summary>
    public static IReadOnlyList<SdpCrypto> From(SdpMedia media)
    {
        var found = new List<SdpCrypto>();
        foreach (SdpAttribute attribute in media.Attributes)
        {
            if (attribute.Name == SdpAttributeNames.Crypto && TryParse(attribute.Value, out SdpCrypto? crypto))
            {
                found.Add(crypto);
            }
        }

        return found;
    }

    /// <summary>This line as an attribute.</summary>
    public SdpAttribute ToAttribute()
    {
        string value = $"{Tag} {Suite} {string.Join(';', Keys)}";
        return new SdpAttribute(SdpAttributeNames.Crypto, SessionParameters.Count == 0 ? value : value + " " + string.Join(' ', SessionParameters));
    }

    private static bool IsSuiteName(string name)
    {
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return name.Length > 0;
    }
}
