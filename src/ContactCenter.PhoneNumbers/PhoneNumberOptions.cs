using System.ComponentModel.DataAnnotations;

namespace ContactCenter.PhoneNumbers;

/// <summary>How caller numbers without a country or area code are read.</summary>
public sealed class PhoneNumberOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "PhoneNumbers";

    /// <summary>ISO 3166 region assumed for national numbers, e.g. <c>RU</c>.</summary>
    [Required, RegularExpression("^[A-Z]{2}$", ErrorMessage = "PhoneNumbers:DefaultRegion must be a two-letter ISO 3166 region such as RU.")]
    public string DefaultRegion { get; set; } = "RU";

    /// <summary>Area code assumed for local numbers dialled without one, e.g. <c>495</c>; empty for none.</summary>
    [RegularExpression("^[0-9]{0,6}$", ErrorMessage = "PhoneNumbers:DefaultAreaCode must be up to six digits.")]
    public string DefaultAreaCode { get; set; } = "";
}
