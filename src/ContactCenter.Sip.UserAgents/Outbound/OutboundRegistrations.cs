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
    private readonly SemaphoreSlim _applying = new(1, 1);
    private readonly SipTransactionLayer _layer;
    private readonly ISipTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile Managed[] _managed = [];
    private volatile bool _started;

    /// <summary>Creates the registrations from the configuration (none started yet).</summary>
    public OutboundRegistrations(IOptions<OutboundRegistrationsOptions> options, SipTransactionLayer layer, ISipTransport transport,
        TimeProvider time, ILoggerFactory loggers, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        ArgumentNullException.ThrowIfNull(meters);
        var logger = _logger = loggers.CreateLogger<OutboundRegistration>();
        (_layer, _transport, _time) = (layer, transport, time);
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
    public IReadOnlyList<OutboundRegistrationStatus> Statuses => [.. All.Select(r => r.Status)];

    private IEnumerable<OutboundRegistration> All => _registrations.Concat(_managed.Select(m => m.Registration));

    /// <summary>
    /// Makes the registrations managed at run time (trunks as data, issue #17) exactly <paramref name="wanted"/> (by
    /// name): new ones start, removed ones un-register, changed ones start over; the configured ones stay as they are.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<OutboundRegistrationOptions> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        await _applying.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _managed;
            var keep = new List<Managed>();
            var stop = new List<OutboundRegistration>();
            foreach (var old in current)
            {
                if (wanted.Any(w => Fingerprint(w) == old.Fingerprint))
                {
                    keep.Add(old);
                }
                else
                {
                    stop.Add(old.Registration);
                }
            }

            foreach (var options in wanted.Where(w => keep.All(k => k.Fingerprint != Fingerprint(w))))
            {
                if (!IPAddress.TryParse(options.Address, out _))
                {
                    continue; // validated where it was entered; a bad row never stops the others
                }

                var registration = new OutboundRegistration(options, _layer, _transport, _time, _logger);
                keep.Add(new Managed(Fingerprint(options), registration));
                if (_started)
                {
                    registration.Start();
                }
            }

            _managed = [.. keep];
            foreach (var registration in stop)
            {
                await registration.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _applying.Release();
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _started = true;
        foreach (var registration in All)
        {
            registration.Start();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(All.Select(r => r.StopAsync(cancellationToken)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var registration in All)
        {
            await registration.DisposeAsync().ConfigureAwait(false);
        }

        _applying.Dispose();
    }

    private static string Fingerprint(OutboundRegistrationOptions o) =>
        string.Join('\n', o.Name, o.Address, o.Port, o.Transport, o.Domain, o.User, o.AuthUser, o.Password, o.Expires, o.ContactUser, o.RetryDelay, o.MaxRetryDelay);

    private sealed record Managed(string Fingerprint, OutboundRegistration Registration);

    private IEnumerable<Measurement<int>> Observe() =>
        All.Select(r => new Measurement<int>(1,
            new KeyValuePair<string, object?>("name", r.Status.Name),
            new KeyValuePair<string, object?>("state", r.Status.State.ToString().ToLowerInvariant())));
}
