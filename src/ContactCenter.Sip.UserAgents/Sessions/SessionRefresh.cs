using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>Our session refresh on one leg (RFC 4028 §7.4): UPDATE when the peer allows it, else a re-INVITE with our unchanged SDP.</summary>
public static class SessionRefresh
{
    /// <summary>
    /// A <see cref="LegSessionTimer"/> for <paramref name="dialog"/> that refreshes it (our SDP from <paramref name="localMedia"/>)
    /// and calls <paramref name="expired"/> on expiry; a refresh that cannot be sent is reported to <paramref name="sendFailed"/>;
    /// <paramref name="credentials"/> adds to each refresh (a carrier's digest credentials).
    /// </summary>
    public static LegSessionTimer CreateTimer(DialogManager dialogs, TimeProvider time, SipDialog dialog, Func<SdpSession?> localMedia,
        bool peerAllowsUpdate, SessionTimerPolicy policy, Action<Exception> sendFailed, Action<string> expired,
        Action<SipRequestBuilder>? credentials = null) =>
        new(time, dialog, peerAllowsUpdate, terms => SendAsync(dialogs, dialog, localMedia(), peerAllowsUpdate, policy, terms, sendFailed, credentials),
            expired);

    /// <summary>Whether the peer listed UPDATE in the Allow of <paramref name="message"/>.</summary>
    public static bool AllowsUpdate(SipMessage message) =>
        message.TryGetTokens(SipHeaderKind.Allow, out var allowed) && allowed.Contains("UPDATE", StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends the refresh (<paramref name="credentials"/> adding to it) and waits for its final response.</summary>
    public static async Task<SessionRefreshResult> SendAsync(DialogManager dialogs, SipDialog dialog, SdpSession? local, bool peerAllowsUpdate,
        SessionTimerPolicy policy, SessionTerms terms, Action<Exception> sendFailed, Action<SipRequestBuilder>? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(sendFailed);
        try
        {
            SipClientTransaction transaction;
            if (peerAllowsUpdate || local is null)
            {
                // RFC 4028 §7.4: an UPDATE without a body refreshes without touching the media.
                transaction = await dialogs.SendRequestAsync(dialog, SipMethod.Update, b =>
                {
                    SessionTimerNegotiation.Offer(b, policy, terms.Interval);
                    credentials?.Invoke(b);
                }, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // RFC 3264 §8: the same SDP with the same version offers no change.
                transaction = await dialogs.SendReInviteAsync(dialog, b =>
                {
                    SessionTimerNegotiation.Offer(b, policy, terms.Interval);
                    b.SetBody(SdpWriter.ToBytes(local), SessionRequests.SdpContentType);
                    credentials?.Invoke(b);
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
#pragma warning disable CA1031 // A refresh that cannot be sent leaves the deadline to end the call; never the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            sendFailed(ex);
            return default;
        }
    }
}
