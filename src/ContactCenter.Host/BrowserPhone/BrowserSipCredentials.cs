using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ContactCenter.Host.BrowserPhone;

/// <summary>
/// The browser phone's SIP passwords: <c>HMAC-SHA256(key, extension and period)</c>, base64url, for periods of
/// <see cref="BrowserPhoneOptions.CredentialLifetime"/> counted from the Unix epoch. Nothing is stored: the key is random per
/// process (a restart makes the desks fetch new ones), a password is good only for its extension and only until its period ends.
/// </summary>
public sealed class BrowserSipCredentials : IDisposable
{
    private readonly HMACSHA256 _hmac = new(RandomNumberGenerator.GetBytes(32));
    private readonly Lock _lock = new();
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    /// <summary>Creates the issuer with a fresh key.</summary>
    public BrowserSipCredentials(IOptions<BrowserPhoneOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _lifetime = options.Value.CredentialLifetime;
        _time = time;
    }

    /// <summary>The password of <paramref name="extension"/> for the current period and when it stops working.</summary>
    public (string Password, DateTimeOffset ExpiresAt) Current(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var period = _time.GetUtcNow().ToUnixTimeMilliseconds() / (long)_lifetime.TotalMilliseconds;
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((period + 1) * (long)_lifetime.TotalMilliseconds);
        return (PasswordOf(extension, period), expiresAt);
    }

    /// <inheritdoc />
    public void Dispose() => _hmac.Dispose();

    private string PasswordOf(string extension, long period)
    {
        var input = Encoding.UTF8.GetBytes(extension + "\n" + period.ToString(CultureInfo.InvariantCulture));
        byte[] mac;
        lock (_lock)
        {
            mac = _hmac.ComputeHash(input);
        }

        return Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
