namespace ContactCenter.Host.Bus;

/// <summary>Which message bus carries call and order events.</summary>
public sealed class BusSettings
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Bus";

    /// <summary>RabbitMQ URI (<c>amqp://user:password@host:5672/vhost</c>); empty for the in-memory bus.</summary>
    public string? RabbitMq { get; set; }
}
