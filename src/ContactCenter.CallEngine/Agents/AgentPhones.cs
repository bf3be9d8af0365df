using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Agents;

/// <summary>Whether an agent's softphone is registered, in the engine's terms (extensions, from the session port's <see cref="IPhoneDirectory"/>).</summary>
public sealed class AgentPhones : IDisposable
{
    private readonly IPhoneDirectory _phones;

    /// <summary>Watches the registered phones.</summary>
    public AgentPhones(IPhoneDirectory phones)
    {
        ArgumentNullException.ThrowIfNull(phones);
        _phones = phones;
        _phones.Changed += OnChanged;
    }

    /// <summary>Raised with the extension whenever one of its phones registers, unregisters or lapses.</summary>
    public event Action<string>? Changed;

    /// <summary>At least one phone of <paramref name="extension"/> is registered now.</summary>
    public bool IsRegistered(string extension) => _phones.CountPhones(extension) > 0;

    /// <summary>How many phones of <paramref name="extension"/> are registered now.</summary>
    public int CountPhones(string extension) => _phones.CountPhones(extension);

    /// <inheritdoc />
    public void Dispose() => _phones.Changed -= OnChanged;

    private void OnChanged(string extension) => Changed?.Invoke(extension);
}
