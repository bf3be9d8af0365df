using ContactCenter.CallEngine.Routing;
using ContactCenter.PhoneNumbers;

namespace ContactCenter.Host.Calls;

/// <summary>The engine's caller-number normalization, by the PhoneNumbers service (default region and area code).</summary>
public sealed class PhoneNumberCallerNormalizer(PhoneNumberNormalizer normalizer) : ICallerNumberNormalizer
{
    /// <inheritdoc />
    public string? TryNormalize(string number) => normalizer.TryNormalize(number, out var e164) ? e164 : null;
}
