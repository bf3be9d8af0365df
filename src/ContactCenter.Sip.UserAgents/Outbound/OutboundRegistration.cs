using System.Globalization;
using System.Net;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Logging;

namespace ContactCenter.Sip.UserAgents.Outbound;

/// <summary>
/// Keeps one account of ours registered at a carrier (RFC 3261 §10.2): REGISTER with our Contact, digest answered
/// (401/407, <see cref="DigestClientSession"/>), 423 answered with the carrier's Min-Expires, refreshed when 80% of the
/// lifetime granted has passed (at least 10 s before it lapses), retried after failures with doubling waits, and removed
/// (Expires: 0) when stopped. One Call-ID and a rising CSeq for the whole life, as §10.2.4 asks. Its loop is the only
/// writer of its state.
/// </summary>
public sealed partial class OutboundRegistration : IAsyncDisposable
{
    private const int MaxChallengesPerAttempt = 2;
    private readonly OutboundRegistrationOptions _options;
    private readonly SipTransactionLayer _layer;
    private readonly ISipTransport _transport;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SipEndPoint _registrar;
    private readonly SipUri _requestUri;
    private readonly SipNameAddress _aor;
    private readonly string _callId = SipIds.NewCallId();
    private readonly string _fromTag = SipIds.NewTag();
    private readonly DigestClientSession _digest;
    private readonly CancellationTokenSource _stopping = new();
    private uint _cseq;
    private int _expires;
    private Task _loop = Task.CompletedTask;
    private volatile OutboundRegistrationStatus _status;

    /// <summary>Creates the registration (not started).</summary>
    public OutboundRegistration(OutboundRegistrationOptions options, SipTransactionLayer layer, ISipTransport transport, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _layer = layer ?? throw new ArgumentNullException(nameof(layer));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _registrar = new SipEndPoint(SipEndPoint.ParseTransport(options.Transport) ?? SipTransportProtocol.Udp,
            new IPEndPoint(IPAddress.Parse(options.Address), options.Port));
        var domain = string.IsNullOrWhiteSpace(options.Domain) ? options.Address : options.Domain;
        _requestUri = SipUri.Create(SipUriScheme.Sip, null, domain, options.Port == 5060 ? null : options.Port, TransportParameter());
        _aor = SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, options.User, domain));
        _digest = new DigestClientSession(options.AuthUser ?? options.User, options.Password);
        _expires = options.Expires;
        _status = new OutboundRegistrationStatus(options.Name, _registrar.ToString(), _aor.Uri.ToString(), OutboundRegistrationState.Unregistered, null, null, null);
    }

    /// <summary>Where the registration stands now.</summary>
    public OutboundRegistrationStatus Status => _status;

    /// <summary>Starts registering in the background.</summary>
    public void Start() => _loop = RunAsync(_stopping.Token);

    /// <summary>Stops refreshing and removes the binding at the carrier (best effort, within <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_status.State == OutboundRegistrationState.Registered)
        {
            var (ok, _, _) = await RegisterAsync(0, cancellationToken).ConfigureAwait(false);
            Update(OutboundRegistrationState.Unregistered, null, ok ? null : "un-REGISTER failed", null);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        await Task.Yield();
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            Update(_status.State == OutboundRegistrationState.Registered ? OutboundRegistrationState.Registered : OutboundRegistrationState.Registering,
                _status.ExpiresAt, null, null);
            TimeSpan wait;
            try
            {
                var (ok, granted, error) = await RegisterAsync(_expires, stopping).ConfigureAwait(false);
                if (ok)
                {
                    failures = 0;
                    var lifetime = TimeSpan.FromSeconds(granted);
                    wait = TimeSpan.FromSeconds(Math.Max(1, Math.Min(granted * 0.8, granted - 10)));
                    Update(OutboundRegistrationState.Registered, _time.GetUtcNow() + lifetime, null, _time.GetUtcNow() + wait);
                    LogRegistered(_options.Name, _status.AddressOfRecord, _registrar, granted);
                }
                else
                {
                    failures++;
                    wait = Backoff(failures);
                    Update(OutboundRegistrationState.Failed, null, error, _time.GetUtcNow() + wait);
                    LogFailed(_options.Name, _registrar, error ?? "unknown", wait);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop keeps the account registered whatever one attempt throws.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                wait = Backoff(failures);
                Update(OutboundRegistrationState.Failed, null, ex.Message, _time.GetUtcNow() + wait);
                LogFailed(_options.Name, _registrar, ex.Message, wait);
            }

            try
            {
                await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        return delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    // One REGISTER exchange with its challenges and 423: (accepted, seconds granted, why not).
    private async Task<(bool Ok, int Granted, string? Error)> RegisterAsync(int expires, CancellationToken cancellationToken)
    {
        var challenges = 0;
        var answeredFresh = false;
        var adjusted = false;
        while (true)
        {
            var request = Build(expires);
            var transaction = await _layer.SendRequestAsync(request, _registrar, cancellationToken).ConfigureAwait(false);
            var outcome = await transaction.Outcome.WaitAsync(cancellationToken).ConfigureAwait(false);
            var response = outcome.Response;
            switch (response.StatusCode)
            {
                case >= 200 and < 300:
                    return (true, Granted(response, expires), null);
                case 401 or 407 when challenges++ < MaxChallengesPerAttempt && _digest.TakeChallenge(response, answeredFresh):
                    answeredFresh = true;
                    continue;
                case 401 or 407:
                    return (false, 0, $"{response.StatusCode} {response.ReasonPhrase}: the carrier refused our credentials");
                case 423 when !adjusted && response.TryGetMinExpires(out var minimum) && minimum > expires:
                    // RFC 3261 §10.2.8: ask again with at least the registrar's Min-Expires.
                    (expires, _expires, adjusted) = (minimum, minimum, true);
                    continue;
                default:
                    return (false, 0, outcome.IsLocal ? $"no answer ({outcome.Error})" : $"{response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    private SipRequest Build(int expires)
    {
        var local = _transport.GetLocalEndPoint(_registrar.Protocol);
        var host = local.EndPoint.Address.ToString();
        var via = SipVia.Create(local.ViaTransport, host, local.EndPoint.Port, SipIds.NewBranch(), requestRPort: true);
        var builder = SipRequestBuilder.Create(SipMethod.Register, _requestUri, via, _aor.WithTag(_fromTag), _aor, _callId, ++_cseq);
        var contactUser = _options.ContactUser ?? _options.User;
        builder.AddContact(SipNameAddress.Create(SipUri.Create(SipUriScheme.Sip, contactUser, host, local.EndPoint.Port, TransportParameter())))
            .SetHeader(SipHeaderKind.Expires, expires.ToString(CultureInfo.InvariantCulture));
        _digest.Authorize(builder, SipMethod.Register, _requestUri);
        return builder.Build();
    }

    private IEnumerable<SipParameter>? TransportParameter() =>
        _registrar.UriTransport is { } transport ? [new SipParameter("transport", transport)] : null;

    // RFC 3261 §10.2.4: the lifetime granted is the expires parameter of our Contact in the 200, else its Expires header.
    private int Granted(SipResponse response, int asked)
    {
        var contactUser = _options.ContactUser ?? _options.User;
        foreach (var contact in response.Contacts)
        {
            if (string.Equals(contact.Uri.User, contactUser, StringComparison.Ordinal)
                && int.TryParse(contact.Parameters.GetValueOrDefault("expires"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return seconds;
            }
        }

        return response.TryGetExpires(out var header) ? header : asked;
    }

    private void Update(OutboundRegistrationState state, DateTimeOffset? expiresAt, string? error, DateTimeOffset? next) =>
        _status = _status with { State = state, ExpiresAt = expiresAt, LastError = error, NextAttemptAt = next };

    [LoggerMessage(Level = LogLevel.Information, Message = "Registration {Name}: {AddressOfRecord} registered at {Registrar} for {Seconds} s")]
    private partial void LogRegistered(string name, string addressOfRecord, SipEndPoint registrar, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration {Name} at {Registrar} failed: {Error}; next attempt in {Wait}")]
    private partial void LogFailed(string name, SipEndPoint registrar, string error, TimeSpan wait);
}
