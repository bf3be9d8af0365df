using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ContactCenter.Sip.UserAgents.Registration;

/// <summary>
/// The registrar (RFC 3261 §10.3): authenticates a REGISTER, checks it and updates the
/// <see cref="LocationService"/>. The transaction layer hands each REGISTER server transaction's request
/// to <see cref="HandleAsync"/> and sends the response it returns. No GRUUs are granted.
/// </summary>
public sealed class Registrar
{
    private readonly RegistrarOptions _options;
    private readonly DigestAuthenticator _authenticator;
    private readonly AuthFailureLimiter _limiter;
    private readonly LocationService _locations;
    private readonly TimeProvider _time;
    private readonly ILogger<Registrar> _logger;
    private readonly UserAgentsMetrics _metrics;
    private readonly ISipConnectionHolds? _holds;

    // A TCP/TLS connection a registration was made over stays open until the binding expires, and this much longer
    // (the phone's refresh may arrive a moment late).
    private static readonly TimeSpan ConnectionHoldGrace = TimeSpan.FromSeconds(32);

    /// <summary>Creates the registrar.</summary>
    public Registrar(IOptions<RegistrarOptions> options, DigestAuthenticator authenticator, AuthFailureLimiter limiter, LocationService locations,
        TimeProvider time, ILogger<Registrar> logger, UserAgentsMetrics metrics, ISipConnectionHolds? holds = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _authenticator = authenticator;
        _limiter = limiter;
        _locations = locations;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _holds = holds;
    }

    /// <summary>
    /// Processes <paramref name="register"/>, received from <paramref name="source"/> (the packet's real
    /// source address), and returns the final response to send, or null when nothing must be sent
    /// (a blocked source with <see cref="BlockedSourceAction.Drop"/>).
    /// </summary>
    public async ValueTask<SipResponse?> HandleAsync(SipRequest register, SipEndPointInfo source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(source);
        var response = await ProcessAsync(register, source, cancellationToken);
        if (response is not null)
        {
            _metrics.RegisterAnswered(response.StatusCode);
            _logger.RegisterAnswered(register.CallId, source.Address, response.StatusCode);
        }

        return response;
    }

    private async ValueTask<SipResponse?> ProcessAsync(SipRequest register, SipEndPointInfo source, CancellationToken cancellationToken)
    {
        if (register.Method != SipMethod.Register)
        {
            return Answer(register, SipStatusCodes.MethodNotAllowed).AddHeader(SipHeaderKind.Allow, "REGISTER").Build();
        }

        if (_limiter.IsBlocked(source.Address))
        {
            _metrics.BlockedRequestRefused();
            return _options.BlockedAction == BlockedSourceAction.Drop ? null : Answer(register, SipStatusCodes.Forbidden).Build();
        }

        // RFC 3261 §10.3 step 2 and §8.2.2.3: we support no extension a REGISTER could require.
        if (register.Headers.Contains(SipHeaderKind.Require))
        {
            if (!register.TryGetTokens(SipHeaderKind.Require, out var required))
            {
                return Answer(register, SipStatusCodes.BadRequest, "Bad Require").Build();
            }

            if (required.Count > 0)
            {
                return Answer(register, SipStatusCodes.BadExtension).AddHeader(SipHeaderKind.Unsupported, string.Join(", ", required)).Build();
            }
        }

        // RFC 3261 §10.3 step 3.
        var verification = await _authenticator.VerifyAsync(register, source.Address, cancellationToken);
        if (!verification.IsAuthenticated)
        {
            return Reject(register, source, verification);
        }

        // RFC 3261 §10.3 step 4: an extension may change only its own bindings.
        var username = verification.Username!;
        if (register.To.Uri.User != username || register.From.Uri.User != username)
        {
            return Answer(register, SipStatusCodes.Forbidden).Build();
        }

        // An extension that must use TLS and SRTP registers (and unregisters) over TLS only: its calls ring it over the
        // connection it registered on, so the SRTP keys in their SDP travel encrypted. A browser phone may use a secure
        // WebSocket (WSS: its media is DTLS-SRTP), never a plain one.
        if (_options.SecureExtensions.Contains(username) && !string.Equals(source.Transport, "TLS", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(source.Transport, "WSS", StringComparison.OrdinalIgnoreCase))
        {
            return Answer(register, SipStatusCodes.Forbidden, "TLS Required").Build();
        }

        return register.IsContactWildcard ? RemoveAll(register, username) : Update(register, source, username);
    }

    private SipResponse Reject(SipRequest register, SipEndPointInfo source, DigestVerification verification)
    {
        var status = verification.Status;
        _logger.RegisterNotAuthenticated(register.CallId, source.Address, status);
        _limiter.RecordFailure(source.Address, verification, register.Method.Name);

        if (status == DigestVerificationStatus.Malformed)
        {
            return Answer(register, SipStatusCodes.BadRequest, "Malformed Authorization").Build();
        }

        var builder = Answer(register, SipStatusCodes.Unauthorized);
        foreach (var challenge in _authenticator.CreateChallenges(source.Address, status == DigestVerificationStatus.Stale))
        {
            builder.AddHeader(SipHeaderKind.WwwAuthenticate, challenge.ToHeaderValue());
        }

        return builder.Build();
    }

    private SipResponse RemoveAll(SipRequest register, string extension)
    {
        // RFC 3261 §10.3 step 6: "*" only alone and only with Expires: 0.
        if (register.Headers.GetValues(SipHeaderKind.Contact).Count != 1 || !register.TryGetExpires(out var expires) || expires != 0)
        {
            return Answer(register, SipStatusCodes.BadRequest, "Wildcard Contact Needs Expires 0").Build();
        }

        var result = _locations.RemoveAll(extension, register.CallId, register.CSeq.Number);
        return Finish(register, result);
    }

    private SipResponse Update(SipRequest register, SipEndPointInfo source, string extension)
    {
        int? headerExpires = null;
        if (register.Headers.Contains(SipHeaderKind.Expires))
        {
            if (!register.TryGetExpires(out var value))
            {
                return Answer(register, SipStatusCodes.BadRequest, "Bad Expires").Build();
            }

            headerExpires = value;
        }

        var requests = new List<BindingRequest>(register.Contacts.Count);
        foreach (var contact in register.Contacts)
        {
            // RFC 3261 §10.3 step 6: the contact's expires parameter, else Expires, else the local default.
            var seconds = ContactExpires(contact) ?? headerExpires;
            var expires = seconds is { } s ? TimeSpan.FromSeconds(s) : _options.DefaultExpiry;
            if (expires > TimeSpan.Zero && expires < _options.MinExpiry)
            {
                return Answer(register, SipStatusCodes.IntervalTooBrief)
                    .AddHeader(SipHeaderKind.MinExpires, Seconds(_options.MinExpiry).ToString(CultureInfo.InvariantCulture))
                    .Build();
            }

            requests.Add(new BindingRequest(contact, expires > _options.MaxExpiry ? _options.MaxExpiry : expires));
        }

        var result = requests.Count == 0
            ? new BindingUpdateResult(BindingUpdateStatus.Applied, _locations.Lookup(extension))
            : _locations.Update(extension, register.CallId, register.CSeq.Number, requests, source);
        if (result.Status == BindingUpdateStatus.Applied)
        {
            HoldConnection(source, result.Bindings);
        }

        return Finish(register, result);
    }

    // The phone is reached through the connection it registered over (RFC 5626 flows): keep it open while a binding
    // made over it lives, keep-alive pings or not; without one, the transport closes an idle connection.
    private void HoldConnection(SipEndPointInfo source, IReadOnlyList<ContactBinding> bindings)
    {
        var protocol = SipEndPoint.ParseTransport(source.Transport);
        if (_holds is null || protocol is not (SipTransportProtocol.Tcp or SipTransportProtocol.Tls))
        {
            return;
        }

        var latest = bindings.Where(b => b.Source == source).Select(b => b.ExpiresAt).DefaultIfEmpty().Max();
        if (latest > _time.GetUtcNow())
        {
            _holds.HoldOpenUntil(new SipEndPoint(protocol.Value, source.EndPoint), latest + ConnectionHoldGrace);
        }
    }

    private SipResponse Finish(SipRequest register, BindingUpdateResult result)
    {
        switch (result.Status)
        {
            case BindingUpdateStatus.OutOfOrder:
                // RFC 3261 §10.3 step 7: "the update MUST be aborted and the request fails".
                return Answer(register, SipStatusCodes.ServerInternalError, "Out Of Order REGISTER").Build();
            case BindingUpdateStatus.TooManyBindings:
                return Answer(register, SipStatusCodes.Forbidden, "Too Many Contacts").Build();
        }

        // RFC 3261 §10.3 step 8: list every current binding with its remaining lifetime, and a Date.
        var now = _time.GetUtcNow();
        var builder = Answer(register, SipStatusCodes.OK);
        foreach (var binding in result.Bindings)
        {
            var remaining = binding.GetRemainingSeconds(now).ToString(CultureInfo.InvariantCulture);
            builder.AddContact(binding.Contact.WithParameter("expires", remaining));
        }

        return builder.AddHeader(SipHeaderKind.Date, now.ToString("r", CultureInfo.InvariantCulture)).Build();
    }

    private static SipResponseBuilder Answer(SipRequest request, int statusCode, string? reasonPhrase = null) =>
        SipResponseBuilder.ForRequest(request, statusCode, reasonPhrase, SipIds.NewTag());

    private static int? ContactExpires(SipNameAddress contact)
    {
        var text = contact.Parameters.GetValueOrDefault("expires");
        if (text is null || text.Length == 0 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            return null;
        }

        // RFC 3261 §20.19: a value too large to represent is as good as the largest one.
        return contact.Expires ?? int.MaxValue;
    }

    private static long Seconds(TimeSpan value) => (long)Math.Ceiling(value.TotalSeconds);
}
