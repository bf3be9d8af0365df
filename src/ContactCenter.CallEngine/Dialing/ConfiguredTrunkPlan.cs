using System.Text.RegularExpressions;
using ContactCenter.CallEngine.Configuration;
using Microsoft.Extensions.Options;

namespace ContactCenter.CallEngine.Dialing;

/// <summary>The one trunk of <c>Sip:Trunk</c>: numbers matching its <c>AllowedDestinations</c> go out through it; it has no DIDs.</summary>
public sealed class ConfiguredTrunkPlan(IOptionsMonitor<CallEngineOptions> options) : ITrunkPlan
{
    /// <inheritdoc />
    public IReadOnlyList<TrunkChoice> Choose(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        return options.CurrentValue.Trunk is { } trunk && Allows(trunk.AllowedDestinations, e164) ? [new TrunkChoice(trunk.Name, trunk.CallerId)] : [];
    }

    /// <inheritdoc />
    public string? InboundTarget(string trunk, string dialed) => null;

    /// <summary>True when one of <paramref name="patterns"/> (regular expressions on E.164) matches <paramref name="e164"/>.</summary>
    public static bool Allows(IEnumerable<string> patterns, string e164)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        foreach (var pattern in patterns)
        {
            try
            {
                if (Regex.IsMatch(e164, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A pattern too slow for this number allows nothing.
            }
        }

        return false;
    }
}
