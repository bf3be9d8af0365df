using ContactCenter.CallEngine.Media;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.CallEngine.Calls;

/// <summary>
/// How one of our session refreshes was answered: a 2xx (with the terms it gives, null for none), or the final status of
/// a refusal (408 for a timeout; with the Min-SE of a 422), or nothing (not sent: a re-INVITE pending, the dialog gone).
/// </summary>
internal readonly record struct SessionRefreshResult(bool Answered, SessionTerms? Terms, int? Status = null, int? MinSE = null);

/// <summary>Our session refresh on one leg (RFC 4028 §7.4): UPDATE when the peer allows it, else a re-INVITE with our unchanged SDP.</summary>
internal static class SessionRefresh
{
    /// <summary>A <see cref="LegSessionTimer"/> for <paramref name="dialog"/> that refreshes it and calls <paramref name="expired"/> on expiry.</summary>
    public static LegSessionTimer CreateTimer(CallServices services, Guid callId, SipDialog dialog, LegMedia media, bool peerAllowsUpdate,
        Action<string> expired) =>
        new(services.Time, dialog, peerAllowsUpdate, terms => SendAsync(services, callId, dialog, media, peerAllowsUpdate, terms), expired);

    /// <summary>Whether the peer listed UPDATE in the Allow of <paramref name="message"/>.</summary>
    public static bool AllowsUpdate(SipMessage message) =>
        message.TryGetTokens(SipHeaderKind.Allow, out var allowed) && allowed.Contains("UPDATE", StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends the refresh and waits for its final response.</summary>
    public static async Task<SessionRefreshResult> SendAsync(CallServices services, Guid callId, SipDialog dialog, LegMedia media, bool peerAllowsUpdate,
        SessionTerms terms)
    {
        try
        {
            var local = media.Local;
            SipClientTransaction transaction;
            if (peerAllowsUpdate || local is null)
            {
                // RFC 4028 §7.4: an UPDATE without a body refreshes without touching the media.
                transaction = await services.Dialogs.SendRequestAsync(dialog, SipMethod.Update,
                    b => SessionTimerNegotiation.Offer(b, services.Calls, terms.Interval), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // RFC 3264 §8: the same SDP with the same version offers no change.
                transaction = await services.Dialogs.SendReInviteAsync(dialog, b =>
                {
                    SessionTimerNegotiation.Offer(b, services.Calls, terms.Interval);
                    b.SetBody(SdpWriter.ToBytes(local), SipLegRequests.SdpContentType);
                }, CancellationToken.None).ConfigureAwait(false);
            }

            var outcome = await transaction.Outcome.ConfigureAwait(false);
            var response = outcome.Response;
            return response.IsSuccess
                ? new SessionRefreshResult(true, SessionTimerNegotiation.FromResponse(response))
                : new SessionRefreshResult(false, null, response.StatusCode, response.TryGetMinSE(out var minSe) ? minSe : null);
        }
        catch (InvalidOperationException)
        {
            // A re-INVITE of ours is pending or the dialog ended: the deadline decides.
            return default;
        }
#pragma warning disable CA1031 // A refresh that cannot be sent leaves the deadline to end the call; never the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            services.Logger.SendFailed(ex, callId, "session refresh");
            return default;
        }
    }
}
