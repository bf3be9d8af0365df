using Microsoft.Extensions.Options;

namespace ContactCenter.TestKit;

/// <summary>An options monitor that always answers <paramref name="value"/> (a unit test's settings, never reloaded).</summary>
/// <typeparam name="T">The options type.</typeparam>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    /// <inheritdoc />
    public T CurrentValue => value;

    /// <inheritdoc />
    public T Get(string? name) => value;

    /// <inheritdoc />
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
