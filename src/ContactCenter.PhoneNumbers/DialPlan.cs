using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace ContactCenter.PhoneNumbers;

/// <summary>
/// Decides whether an outbound number may be called (softphone dial-out, click-to-call, callbacks, call lists):
/// denied prefixes first, then allowed prefixes, then the number's category (libphonenumber's number type and region)
/// against <see cref="DialPlanOptions.AllowedCategories"/>.
/// </summary>
public sealed class DialPlan
{
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();
    private readonly IOptionsMonitor<DialPlanOptions> _options;

    /// <summary>Creates the dial plan over the <c>DialPlan</c> settings (changes apply at once).</summary>
    public DialPlan(IOptionsMonitor<DialPlanOptions> options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Checks an E.164 number (<c>+74951000001</c>).</summary>
    public DialPlanVerdict Check(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var options = _options.CurrentValue;
        var (category, region) = Classify(e164, options);
        if (options.DeniedPrefixes.FirstOrDefault(p => e164.StartsWith(p, StringComparison.Ordinal)) is { } denied)
        {
            return new DialPlanVerdict(false, e164, category, region, $"the prefix {denied} is denied");
        }

        if (category == DialPlanCategory.Invalid)
        {
            return new DialPlanVerdict(false, e164, category, region, "not a valid phone number");
        }

        if (options.AllowedPrefixes.FirstOrDefault(p => e164.StartsWith(p, StringComparison.Ordinal)) is { } allowed)
        {
            return new DialPlanVerdict(true, e164, category, region, $"the prefix {allowed} is allowed");
        }

        return options.AllowedCategories.Contains(category)
            ? new DialPlanVerdict(true, e164, category, region, $"{Describe(category)} numbers are allowed")
            : new DialPlanVerdict(false, e164, category, region, $"{Describe(category)} numbers ({region}) are not allowed by the dial plan");
    }

    private (DialPlanCategory Category, string Region) Classify(string e164, DialPlanOptions options)
    {
        PhoneNumber number;
        try
        {
            number = _util.Parse(e164, "ZZ");
        }
        catch (NumberParseException)
        {
            return (DialPlanCategory.Invalid, "ZZ");
        }

        if (!e164.StartsWith('+') || !_util.IsValidNumber(number))
        {
            return (DialPlanCategory.Invalid, "ZZ");
        }

        var region = _util.GetRegionCodeForNumber(number) ?? "ZZ";
        if (!options.HomeRegions.Contains(region, StringComparer.OrdinalIgnoreCase))
        {
            return (DialPlanCategory.International, region);
        }

        return (_util.GetNumberType(number) switch
        {
            PhoneNumberType.FIXED_LINE or PhoneNumberType.FIXED_LINE_OR_MOBILE => DialPlanCategory.Fixed,
            PhoneNumberType.MOBILE => DialPlanCategory.Mobile,
            PhoneNumberType.TOLL_FREE => DialPlanCategory.TollFree,
            PhoneNumberType.PREMIUM_RATE => DialPlanCategory.Premium,
            PhoneNumberType.SHARED_COST => DialPlanCategory.SharedCost,
            _ => DialPlanCategory.Special,
        }, region);
    }

    private static string Describe(DialPlanCategory category) => category switch
    {
        DialPlanCategory.TollFree => "toll-free",
        DialPlanCategory.SharedCost => "shared-cost",
        _ => category.ToString().ToLowerInvariant(),
    };
}
