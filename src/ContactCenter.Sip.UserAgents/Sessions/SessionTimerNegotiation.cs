using System.Globalization;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// RFC 4028 session timer negotiation, for the requests we answer (initial INVITE, re-INVITE or UPDATE: we are the
/// UAS of that transaction, §9) and the ones we send (§7): which interval, who refreshes, and the headers saying so.
/// </summary>
public sealed class SessionTimerNegotiation
{
    /// <summary>The option tag of session timers (RFC 4028 §3).</summary>
    public const string OptionTag = "timer";

    /// <summary>The longest session interval we agree to (a day; calls end long before, at <c>Sip:Calls:MaxDuration</c>).</summary>
    public const int MaxInterval = 86_400;

    private readonly int _interval;
    private readonly string _refresher;
    private readonly bool _peerSupports;

    private SessionTimerNegotiation(int interval, string refresher, bool peerSupports, SipResponse? refusal)
    {
        (_interval, _refresher, _peerSupports, Refusal) = (interval, refresher, peerSupports, refusal);
    }

    /// <summary>The response that refuses the request (422 with our Min-SE, or 400 for a malformed header); null when accepted.</summary>
    public SipResponse? Refusal { get; }

    /// <summary>The terms to apply once the request is answered with a 2xx.</summary>
    public SessionTerms Terms => new(TimeSpan.FromSeconds(_interval), WeRefresh: _refresher == "uas");

    /// <summary>
    /// Reads the session timer <paramref name="request"/> asks for (§9): a Session-Expires below our Min-SE is refused
    /// with 422 when the peer supports timers and raised to it otherwise (it cannot retry); we may lower a larger
    /// one to ours, never below the request's Min-SE. The peer refreshes when it asked to or supports timers; else we do.
    /// </summary>
    public static SessionTimerNegotiation Answer(SipRequest request, SessionTimerPolicy policy, Func<int, string?, Action<SipResponseBuilder>?, SipResponse> respond)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ourMin = Math.Max(90, policy.MinSE);
        var peerSupports = request.TryGetTokens(SipHeaderKind.Supported, out var supported) && supported.Contains(OptionTag, StringComparer.OrdinalIgnoreCase);
        var minSe = ourMin;
        if (request.Headers.TryGetFirst(SipHeaderKind.MinSE, out _))
        {
            if (!request.TryGetMinSE(out var theirs))
            {
                return new SessionTimerNegotiation(0, "uas", peerSupports, respond(SipStatusCodes.BadRequest, "Bad Min-SE", null));
            }

            if (theirs > MaxInterval)
            {
                // No interval we keep can honour it; a peer asking for this is broken, not a caller to keep waiting.
                return new SessionTimerNegotiation(0, "uas", peerSupports, respond(SipStatusCodes.BadRequest, "Min-SE above 86400", null));
            }

            minSe = Math.Max(minSe, theirs);
        }

        var interval = Math.Max(minSe, policy.SessionExpires);
        string? refresher = null;
        if (request.Headers.TryGetFirst(SipHeaderKind.SessionExpires, out _))
        {
            var askedRefresher = request.TryGetSessionExpires(out var asked) ? asked.Refresher?.ToLowerInvariant() : null;
            if (asked is null || askedRefresher is not (null or "uac" or "uas"))
            {
                return new SessionTimerNegotiation(0, "uas", peerSupports, respond(SipStatusCodes.BadRequest, "Bad Session-Expires", null));
            }

            if (asked.Seconds < ourMin && peerSupports)
            {
                // §9 (and §8.1 via erratum 1687): too small, and the peer can retry with our minimum.
                return new SessionTimerNegotiation(0, "uas", peerSupports, respond(SipStatusCodes.SessionIntervalTooSmall, null,
                    b => b.AddHeader(SipHeaderKind.MinSE, ourMin.ToString(CultureInfo.InvariantCulture))));
            }

            interval = Math.Max(minSe, Math.Min(asked.Seconds, interval));
            refresher = askedRefresher;
        }

        // §9: a peer without timer support cannot be asked to refresh.
        refresher = !peerSupports ? "uas" : refresher ?? "uac";
        return new SessionTimerNegotiation(interval, refresher, peerSupports, null);
    }

    /// <summary>The headers of our 2xx (§9): Session-Expires with the refresher, and Require: timer when the peer supports it.</summary>
    public void Decorate(SipResponseBuilder response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.AddHeader(SipHeaderKind.Supported, OptionTag)
            .AddHeader(SipHeaderKind.SessionExpires, _interval.ToString(CultureInfo.InvariantCulture) + ";refresher=" + _refresher);
        if (_peerSupports)
        {
            response.AddHeader(SipHeaderKind.Require, OptionTag);
        }
    }

    /// <summary>
    /// The headers of a request we send (§7.1, §7.4): Supported: timer, our Min-SE, and Session-Expires (with
    /// refresher=uac when we refresh an agreed session; none in an initial INVITE, so the answerer chooses).
    /// </summary>
    public static void Offer(SipRequestBuilder request, SessionTimerPolicy policy, TimeSpan? refreshing)
    {
        ArgumentNullException.ThrowIfNull(request);
        var minSe = Math.Max(90, policy.MinSE);
        var interval = refreshing is { } agreed ? (int)agreed.TotalSeconds : Math.Max(minSe, policy.SessionExpires);
        request.AddHeader(SipHeaderKind.Supported, OptionTag)
            .AddHeader(SipHeaderKind.SessionExpires, interval.ToString(CultureInfo.InvariantCulture) + (refreshing is null ? string.Empty : ";refresher=uac"))
            .AddHeader(SipHeaderKind.MinSE, minSe.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The terms a 2xx to our INVITE, re-INVITE or UPDATE gives (§7.2): none without Session-Expires (no expiry on that
    /// leg); we refresh unless it names the UAS.
    /// </summary>
    public static SessionTerms? FromResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // A longer interval than a day is kept as a day: a timer cannot wait for ever, and the call ends sooner anyway.
        return response.TryGetSessionExpires(out var agreed) && agreed.Seconds > 0
            ? new SessionTerms(TimeSpan.FromSeconds(Math.Min(agreed.Seconds, MaxInterval)),
                WeRefresh: !string.Equals(agreed.Refresher, "uas", StringComparison.OrdinalIgnoreCase))
            : null;
    }
}
