using System.Collections.Concurrent;
using System.Net;
using ContactCenter.Sessions;

namespace ContactCenter.TestKit.Sessions;

/// <summary>Registered phones without a registrar, for the call engine's tests: a test registers and unregisters extensions.</summary>
public sealed class FakePhoneDirectory : IPhoneDirectory
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _phones = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public event Action<string>? Changed;

    /// <summary>Registers one phone of <paramref name="extension"/> (its signalling from 127.0.0.1).</summary>
    public void Register(string extension)
    {
        _phones[extension] = [IPAddress.Loopback];
        Changed?.Invoke(extension);
    }

    /// <summary>Takes every phone of <paramref name="extension"/> off.</summary>
    public void Unregister(string extension)
    {
        _phones.TryRemove(extension, out _);
        Changed?.Invoke(extension);
    }

    /// <inheritdoc />
    public IReadOnlyList<IPAddress> Phones(string extension) => _phones.GetValueOrDefault(extension) ?? [];

    /// <inheritdoc />
    public int CountPhones(string extension) => Phones(extension).Count;
}
