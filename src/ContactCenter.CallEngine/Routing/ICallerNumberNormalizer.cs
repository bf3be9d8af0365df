namespace ContactCenter.CallEngine.Routing;

/// <summary>Normalizes a calling number to E.164 (the host plugs in the PhoneNumbers service).</summary>
public interface ICallerNumberNormalizer
{
    /// <summary>The E.164 form of <paramref name="number"/>, or null when it is not a phone number.</summary>
    string? TryNormalize(string number);
}
