using System.Diagnostics.Metrics;
using System.Net;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Outbound;

/// <summary>Our accounts at carriers (section <c>Sip:Registrations</c>, a list).</summary>
public sealed class OutboundRegistrationsOptions
{
    /// <summary>The configuration section holding <see cref="Registrations"/>.</summary>
    public const string Section = "Sip";

    /// <summary>The accounts to keep registered.</summary>
    public List<OutboundRegistrationOptions> Registrations { get; set; } = [];
}

/// <summary>
/// Starts and stops every <see cref="OutboundRegistration"/> with the host (after the SIP transport, before it on the
/// way down, so the un-REGISTER can still be sent), and reports their states: the API's list and the metric
/// <c>sip.outbound_registrations</c> (1 per registration, tagged with its name and state).
/// </summary>
public sealed class OutboundRegistrations : IHostedService, IAsyncDisposable
{
    private readonly List<OutboundRegistration> _registrations = [];

    /// <summary>Creates the registrations from the configuration (none started yet).</summary>
    public OutboundRegistrations(IOptions<OutboundRegistrationsOptions> options, SipTransactionLayer layer, ISipTransport transport,
        TimeProvider time, ILoggerFactory loggers, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(meters);
        var logger = loggers.CreateLogger<OutboundRegistration>();
        foreach (var registration in options.Value.Registrations)
        {
            if (!IPAddress.TryParse(registration.Address, out _))
            {
                throw new OptionsValidationException(OutboundRegistrationsOptions.Section, typeof(OutboundRegistrationsOptions),
                    [$"Sip:Registrations: '{registration.Name}' needs the registrar's IP address in Address, not '{registration.Address}'."]);
            }

            _registrations.Add(new OutboundRegistration(registration, layer, transport, time, logger));
        }

        meters.Create("ContactCenter.Sip.UserAgents").CreateObservableGauge("sip.outbound_registrations", Observe, "{registration}",
            "Our registrations at carriers, by name and state (1 each).");
    }

    /// <summary>Every registration's state now.</summary>
    public IReadOnlyList<OutboundRegistrationStatus> Statuses => [.. _registrations.Select(r => r.Status)];

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in _registrations)
        {
            registration.Start();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_registrations.Select(r => r.StopAsync(cancellationToken)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var registration in _registrations)
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _registrations.Select(r => new Measurement<int>(1,
            new KeyValuePair<string, object?>("name", r.Status.Name),
            new KeyValuePair<string, object?>("state", r.Status.State.ToString().ToLowerInvariant())));
}
