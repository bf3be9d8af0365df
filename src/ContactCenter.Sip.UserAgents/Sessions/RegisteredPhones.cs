using System.Net;
using ContactCenter.Sessions;
using ContactCenter.Sip.UserAgents.Registration;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>The registrar's bindings as the session port's <see cref="IPhoneDirectory"/>: extensions and addresses, no SIP.</summary>
public sealed class RegisteredPhones : IPhoneDirectory, IDisposable
{
    private readonly LocationService _locations;

    /// <summary>Watches <paramref name="locations"/>.</summary>
    public RegisteredPhones(LocationService locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        _locations = locations;
        _locations.Registered += OnBindingChanged;
        _locations.Unregistered += OnBindingChanged;
        _locations.Expired += OnBindingChanged;
    }

    /// <inheritdoc />
    public event Action<string>? Changed;

    /// <inheritdoc />
    public IReadOnlyList<IPAddress> Phones(string extension) => [.. _locations.Lookup(extension).Select(b => b.Source.Address)];

    /// <inheritdoc />
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
