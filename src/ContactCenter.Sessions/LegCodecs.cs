namespace ContactCenter.Sessions;

/// <summary>
/// The audio formats a leg may be limited to (a trunk's codec list, issue #17), by their SDP encoding names: what the
/// engine can relay (G.711 both laws, transcoded between legs, and RFC 4733 telephone-event). An empty list means the
/// engine's default (PCMU, PCMA, telephone-event; the other leg's law first).
/// </summary>
public static class LegCodecs
{
    /// <summary>G.711 mu-law.</summary>
    public const string Pcmu = "PCMU";

    /// <summary>G.711 A-law.</summary>
    public const string Pcma = "PCMA";

    /// <summary>RFC 4733 DTMF events.</summary>
    public const string TelephoneEvent = "telephone-event";

    /// <summary>Every name a codec list may hold.</summary>
    public static IReadOnlyList<string> Relayable { get; } = [Pcmu, Pcma, TelephoneEvent];

    /// <summary>
    /// Reads a codec list as entered (names in any case, in preference order): false with the reason when a name is not one
    /// the engine relays, is given twice, or the list names no voice codec (only telephone-event).
    /// </summary>
    public static bool TryNormalize(IEnumerable<string?>? names, out IReadOnlyList<string> codecs, out string? error)
    {
        var list = new List<string>();
        codecs = list;
        error = null;
        foreach (var name in names ?? [])
        {
            var known = Relayable.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = $"'{name}' is not a codec the engine relays ({string.Join(", ", Relayable)}).";
                return false;
            }

            if (list.Contains(known))
            {
                error = $"{known} is given twice.";
                return false;
            }

            list.Add(known);
        }

        if (list.Count > 0 && !list.Exists(c => c != TelephoneEvent))
        {
            error = "Give at least one voice codec (PCMA or PCMU) beside telephone-event.";
            return false;
        }

        return true;
    }
}
