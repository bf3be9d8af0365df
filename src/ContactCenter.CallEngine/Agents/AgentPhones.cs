using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.CallEngine.Agents;

/// <summary>Whether an agent's softphone is registered, in the engine's terms (extensions, not SIP bindings).</summary>
public sealed class AgentPhones : IDisposable
{
    private readonly LocationService _locations;

    /// <summary>Watches the registrar's location service.</summary>
    public AgentPhones(LocationService locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        _locations = locations;
        _locations.Registered += OnBindingChanged;
        _locations.Unregistered += OnBindingChanged;
        _locations.Expired += OnBindingChanged;
    }

    /// <summary>Raised with the extension whenever one of its phones registers, unregisters or lapses.</summary>
    public event Action<string>? Changed;

    /// <summary>At least one phone of <paramref name="extension"/> is registered now.</summary>
    public bool IsRegistered(string extension) => _locations.CountBindings(extension) > 0;

    /// <summary>How many phones of <paramref name="extension"/> are registered now.</summary>
    public int CountPhones(string extension) => _locations.CountBindings(extension);

    /// <inheritdoc />
    public void Dispose()
    {
        _locations.Registered -= OnBindingChanged;
        _locations.Unregistered -= OnBindingChanged;
        _locations.Expired -= OnBindingChanged;
    }

    private void OnBindingChanged(object? sender, BindingEventArgs e)
    {
        if (!e.IsRefresh)
        {
            Changed?.Invoke(e.Binding.Extension);
        }
    }
}
