using MassTransit;

namespace ContactCenter.Crm.Messaging;

/// <summary>
/// The bus transport every process of the product uses alike: the in-memory bus on one machine, RabbitMQ when
/// <c>Bus:RabbitMq</c> names a broker; kebab-case queue names (so the host and the CRM service meet on the same queues)
/// and the same redelivery intervals.
/// </summary>
public static class BusTransport
{
    /// <summary>The setting that names the broker.</summary>
    public const string RabbitMqSetting = "Bus:RabbitMq";

    /// <summary>Reads <paramref name="value"/> as the broker's address: null for none (in-memory), or why it cannot be used.</summary>
    public static bool TryParseRabbitMq(string? value, out Uri? broker, out string? error)
    {
        (broker, error) = (null, null);
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "rabbitmq")
        {
            broker = uri;
            return true;
        }

        error = "must be an amqp:// URI such as amqp://guest:guest@127.0.0.1:5672/.";
        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/> says the database is down (connection refused, timed out, EF's retries
    /// used up), not that the message is bad: such a failure is retried for as long as the outage lasts.
    /// </summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.NpgsqlException { IsTransient: true } or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException
                or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }

    // A database outage: retried with back-off up to 30 s between tries until it ends, so no event goes to the error queue
    // (the CRM's consumers are idempotent); any other failure: four quick retries as before.
    private static void UseRetry(IBusFactoryConfigurator cfg)
    {
        cfg.UseMessageRetry(r =>
        {
            r.Handle<Exception>(IsOutage);
            r.Exponential(int.MaxValue, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500));
        });
        cfg.UseMessageRetry(r =>
        {
            r.Ignore<Exception>(IsOutage);
            r.Intervals(100, 500, 1_000, 5_000);
        });
    }

    /// <summary>Configures the transport: RabbitMQ at <paramref name="broker"/>, or the in-memory bus when it is null.</summary>
    public static void Use(IBusRegistrationConfigurator bus, Uri? broker)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.SetKebabCaseEndpointNameFormatter();
        if (broker is null)
        {
            bus.UsingInMemory((context, cfg) =>
            {
                UseRetry(cfg);
                cfg.ConfigureEndpoints(context);
            });
        }
        else
        {
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(broker);
                UseRetry(cfg);
                cfg.ConfigureEndpoints(context);
            });
        }
    }
}
