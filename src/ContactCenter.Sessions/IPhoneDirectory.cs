using System.Net;

namespace ContactCenter.Sessions;

/// <summary>
/// Which phones an agent's extension has registered, in call terms (the session layer's registrar implements it): how
/// many there are, where their signalling comes from (a phone behind NAT sends its media from there too), and when that
/// changes.
/// </summary>
public interface IPhoneDirectory
{
    /// <summary>Raised with the extension whenever one of its phones registers, unregisters or lapses (not on refreshes).</summary>
    event Action<string>? Changed;

    /// <summary>The signalling source address of each phone <paramref name="extension"/> has registered now (empty when none).</summary>
    IReadOnlyList<IPAddress> Phones(string extension);

    /// <summary>How many phones <paramref name="extension"/> has registered now.</summary>
    int CountPhones(string extension);
}
