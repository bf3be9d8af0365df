using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace ContactCenter.PhoneNumbers;

/// <summary>
/// Turns a phone number as callers and trunks present it (<c>+7 495 100-00-01</c>, <c>84951000001</c>,
/// <c>74951000001</c>, <c>(495) 100-00-01</c>, <c>100-00-01</c>) into E.164 (<c>+74951000001</c>).
/// Internal extensions and text that is no phone number are refused.
/// </summary>
public sealed class PhoneNumberNormalizer
{
    private const int MinNationalDigits = 5;
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private readonly string _region;
    private readonly string _areaCode;
    private readonly string _countryCode;

    /// <summary>Creates a normalizer for the configured default region and area.</summary>
    public PhoneNumberNormalizer(IOptions<PhoneNumberOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _region = options.Value.DefaultRegion;
        _areaCode = options.Value.DefaultAreaCode ?? "";
        _countryCode = _util.GetCountryCodeForRegion(_region).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Normalizes <paramref name="raw"/> to E.164; false when it is not a dialable phone number.</summary>
    public bool TryNormalize(string? raw, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 64)
        {
            return false;
        }

        var digits = ExtractDigits(raw, out var international);
        if (digits is null || digits.Length < MinNationalDigits || digits.Length > 15)
        {
            return false;
        }

        if (international)
        {
            return TryAccept("+" + digits, null, out e164);
        }

        // National form with the region's trunk prefix or none: 84951000001, (495) 100-00-01.
        if (TryAccept(digits, _region, out e164, requireValid: true))
        {
            return true;
        }

        // Country code without '+': 74951000001.
        if (digits.StartsWith(_countryCode, StringComparison.Ordinal)
            && TryAccept("+" + digits, null, out e164, requireValid: true))
        {
            return true;
        }

        // Local number without area code: 100-00-01.
        if (_areaCode.Length > 0 && TryAccept(_areaCode + digits, _region, out e164, requireValid: true))
        {
            return true;
        }

        // A national number that is not valid for the region is more likely a typo or an extension
        // than a caller we could ring back: refuse it rather than guess.
        return false;
    }

    /// <summary>Normalizes or throws <see cref="FormatException"/>; for seeding and tools.</summary>
    public string Normalize(string raw) =>
        TryNormalize(raw, out var e164) ? e164 : throw new FormatException($"'{raw}' is not a phone number.");

    private bool TryAccept(string number, string? region, out string e164, bool requireValid = false)
    {
        e164 = "";
        PhoneNumber parsed;
        try
        {
            parsed = _util.Parse(number, region ?? "ZZ");
        }
        catch (NumberParseException)
        {
            return false;
        }

        var ok = requireValid ? _util.IsValidNumber(parsed) : _util.IsPossibleNumber(parsed);
        if (!ok)
        {
            return false;
        }

        e164 = _util.Format(parsed, PhoneNumberFormat.E164);
        return true;
    }

    private static string? ExtractDigits(string raw, out bool international)
    {
        international = false;
        Span<char> buffer = stackalloc char[64];
        var length = 0;
        var seenDigit = false;
        foreach (var c in raw.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                buffer[length++] = c;
                seenDigit = true;
            }
            else if (c == '+' && !seenDigit && !international)
            {
                international = true;
            }
            else if (c is ' ' or '-' or '(' or ')' or '.' or '/')
            {
                continue;
            }
            else
            {
                return null;
            }
        }

        var digits = new string(buffer[..length]);
        if (!international && digits.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            digits = digits[2..];
        }

        return digits;
    }
}
