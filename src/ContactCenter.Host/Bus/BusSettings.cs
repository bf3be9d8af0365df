namespace ContactCenter.Host.Bus;

/// <summary>Which message bus carries call and order events.</summary>
public sealed class BusSettings
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Bus";

    /// <summary>RabbitMQ URI (<c>amqp://user:password@host:5672/vhost</c>); empty for the in-memory bus.</summary>
    public string? RabbitMq { get; set; }

    /// <summary>
    /// Whether this process runs the CRM's consumers (call log, order notifications). True on one machine; false
    /// for a telephony-only host whose CRM runs as its own process on the same RabbitMQ. With the in-memory bus
    /// and false, nobody consumes the events: for load tests of the call engine alone.
    /// </summary>
    public bool CrmConsumers { get; set; } = true;
}
