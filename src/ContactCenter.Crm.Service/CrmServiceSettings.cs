using ContactCenter.Crm.Messaging;
using System.Globalization;
using System.Net;

/// <summary>The CRM service's own settings: the broker it consumes from and where its health and metrics listen.</summary>
internal static class CrmServiceSettings
{
    /// <summary><c>Bus:RabbitMq</c>, required: the CRM runs in its own process only on a shared broker.</summary>
    public static Uri RabbitMq(IConfiguration configuration)
    {
        if (!BusTransport.TryParseRabbitMq(configuration[BusTransport.RabbitMqSetting], out var broker, out var error))
        {
            throw new CrmServiceSettingsException($"{BusTransport.RabbitMqSetting} {error}");
        }

        return broker ?? throw new CrmServiceSettingsException(
            $"{BusTransport.RabbitMqSetting} is not set: give the broker the host publishes to, e.g. amqp://guest:guest@127.0.0.1:5672/.");
    }

    /// <summary>
    /// <c>Http:Address</c> (127.0.0.1) and <c>Http:Port</c> (8081) for /health, /health/ready and /metrics: unauthenticated,
    /// so loopback unless the operator says otherwise.
    /// </summary>
    public static string Listen(IConfiguration configuration)
    {
        var address = configuration["Http:Address"] ?? "127.0.0.1";
        var portText = configuration["Http:Port"] ?? "8081";
        if (!IPAddress.TryParse(address, out var ip))
        {
            throw new CrmServiceSettingsException($"Http:Address '{address}' is not an IP address.");
        }

        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new CrmServiceSettingsException($"Http:Port '{portText}' is not a port number (1-65535).");
        }

        return $"http://{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString())}:{port}";
    }
}

/// <summary>A setting the CRM service cannot start with; the message names it.</summary>
internal sealed class CrmServiceSettingsException(string message) : Exception(message);
