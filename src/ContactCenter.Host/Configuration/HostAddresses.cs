using System.Net;

namespace ContactCenter.Host.Configuration;

/// <summary>Parses listen addresses from settings.</summary>
public static class HostAddresses
{
    /// <summary>The IP address in <paramref name="value"/>, or a start-up failure naming <paramref name="setting"/>.</summary>
    public static IPAddress Parse(string setting, string value) =>
        value == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(value, out var address) ? address
        : throw new StartupFailureException(setting, $"'{value}' is not an IP address (e.g. 127.0.0.1 or 0.0.0.0).");
}
