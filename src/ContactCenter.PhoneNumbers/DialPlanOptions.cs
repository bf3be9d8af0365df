namespace ContactCenter.PhoneNumbers;

/// <summary>
/// Which numbers the company's phones may call out to (section <c>DialPlan</c>): toll fraud (issue #16) dials premium,
/// international and special numbers, so by default only national fixed, mobile and toll-free numbers of the home
/// regions are allowed; an admin widens it deliberately.
/// </summary>
public sealed class DialPlanOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "DialPlan";

    /// <summary>The regions (ISO 3166 codes) whose numbers are national; anything else is <see cref="DialPlanCategory.International"/>.</summary>
    public List<string> HomeRegions { get; set; } = ["RU"];

    /// <summary>The categories allowed (default: fixed, mobile and toll-free numbers of the home regions).</summary>
    public List<DialPlanCategory> AllowedCategories { get; set; } = [DialPlanCategory.Fixed, DialPlanCategory.Mobile, DialPlanCategory.TollFree];

    /// <summary>E.164 prefixes allowed whatever their category (e.g. <c>+375</c> for a partner abroad).</summary>
    public List<string> AllowedPrefixes { get; set; } = [];

    /// <summary>E.164 prefixes always refused, checked before anything else.</summary>
    public List<string> DeniedPrefixes { get; set; } = [];
}

/// <summary>What kind of number a destination is, as the dial plan sees it.</summary>
public enum DialPlanCategory
{
    /// <summary>A geographic fixed line in a home region.</summary>
    Fixed,

    /// <summary>A mobile number in a home region.</summary>
    Mobile,

    /// <summary>Free to the caller (e.g. +7 800).</summary>
    TollFree,

    /// <summary>Premium rate (e.g. +7 809): what toll fraud dials.</summary>
    Premium,

    /// <summary>Shared cost.</summary>
    SharedCost,

    /// <summary>VoIP, personal, pager, UAN, voicemail access and other special ranges.</summary>
    Special,

    /// <summary>A number outside the home regions (for +7 that includes Kazakhstan's ranges).</summary>
    International,

    /// <summary>Not a valid phone number.</summary>
    Invalid,
}

/// <summary>The dial plan's decision about one number; <see cref="Reason"/> is for logs and the caller's error.</summary>
/// <param name="IsAllowed">Whether the number may be called.</param>
/// <param name="Number">The number as checked (E.164).</param>
/// <param name="Category">What kind of number it is.</param>
/// <param name="Region">Its region code (ISO 3166), or <c>ZZ</c>.</param>
/// <param name="Reason">Why it is allowed or refused, in words.</param>
public sealed record DialPlanVerdict(bool IsAllowed, string Number, DialPlanCategory Category, string Region, string Reason);
