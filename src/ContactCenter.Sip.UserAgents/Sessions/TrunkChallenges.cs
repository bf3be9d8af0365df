using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Syntax.Building;
using ContactCenter.Sip.Syntax.Headers;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.UserAgents.Authentication;
using ContactCenter.Sip.UserAgents.Dialogs;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// Answers the carrier's digest challenges for one leg we place on the trunk (RFC 3261 §22.2): a 401/407 to our INVITE is
/// answered by the same INVITE with our credentials (same Call-ID and From tag, CSeq + 1, a new branch), and so is a
/// challenge to a re-INVITE, REFER or UPDATE within the answered dialog; later requests (BYE too: it ends the dialog as it
/// leaves, so it cannot be sent again) carry the credentials up front, the nonce count going on. A challenge to our answer
/// (the credentials are wrong) is not answered again unless the carrier calls the nonce stale, and then at most
/// <see cref="MaxAnswers"/> times per request: never a loop.
/// </summary>
internal sealed class TrunkChallenges(DigestClientSession digest)
{
    /// <summary>At most this many answers per request (a stale nonce is answered again; a carrier cycling stale nonces is not).</summary>
    public const int MaxAnswers = 2;

    private readonly Lock _gate = new();
    private int _inviteAnswers;

    /// <summary>
    /// The INVITE answering <paramref name="challenge"/> to <paramref name="branch"/>'s INVITE, sent on a new transaction to
    /// the same destination; null when the challenge is not ours to answer (or was answered enough).
    /// </summary>
    public async Task<ClientInviteTransaction?> AnswerInviteAsync(SipTransactionLayer transactions, ClientInviteTransaction branch, SipResponse challenge)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(branch);
        var challenged = branch.Request;
        if (Interlocked.Increment(ref _inviteAnswers) > MaxAnswers || !Take(challenge, answered: HasCredentials(challenged)))
        {
            return null;
        }

        var via = challenged.TopVia;
        var builder = challenged.ToBuilder()
            .ReplaceTopVia(SipVia.Create(via.Transport, via.Host, via.Port, SipIds.NewBranch(), requestRPort: true))
            .SetCSeq(new SipCSeq(challenged.CSeq.Number + 1, SipMethod.Invite))
            .RemoveHeader(SipHeaderKind.Authorization)
            .RemoveHeader(SipHeaderKind.ProxyAuthorization);
        Authorize(builder, SipMethod.Invite, challenged.RequestUri);
        return await transactions.SendInviteAsync(builder.Build(), branch.RemoteEndPoint, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends <paramref name="method"/> (not BYE) in <paramref name="dialog"/>, credentials up front once a challenge is held,
    /// and answers a challenge to it; returns the final response.
    /// </summary>
    public async Task<SipResponse> SendInDialogAsync(DialogManager dialogs, SipDialog dialog, SipMethod method, Action<SipRequestBuilder>? customize)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var response = await SendOnceAsync(dialogs, dialog, method, customize).ConfigureAwait(false);
        for (var answers = 0; answers < MaxAnswers && IsChallenge(response) && Take(response, answered: answers > 0); answers++)
        {
            response = await SendAgainAsync(dialogs, dialog, method, customize).ConfigureAwait(false);
        }

        return response;
    }

    /// <summary>Adds our credentials for the challenge held (if any) to a request being built.</summary>
    public void Authorize(SipRequestBuilder builder, SipMethod method, SipUri requestUri)
    {
        lock (_gate)
        {
            digest.Authorize(builder, method, requestUri);
        }
    }

    /// <summary>Whether <paramref name="response"/> is a digest challenge (401 or 407).</summary>
    public static bool IsChallenge(SipResponse response) =>
        response.StatusCode is SipStatusCodes.Unauthorized or SipStatusCodes.ProxyAuthenticationRequired;

    private async Task<SipResponse> SendOnceAsync(DialogManager dialogs, SipDialog dialog, SipMethod method, Action<SipRequestBuilder>? customize)
    {
        var transaction = await dialogs.SendRequestAsync(dialog, method, b =>
        {
            customize?.Invoke(b);
            Authorize(b, method, b.RequestUri);
        }, CancellationToken.None).ConfigureAwait(false);
        return (await transaction.Outcome.ConfigureAwait(false)).Response;
    }

    /// <summary>
    /// The challenged request once more: a re-INVITE's transaction may report its final response a moment before the dialog
    /// lets the next INVITE go (§14.1), so a refusal for that reason waits its turn a few times.
    /// </summary>
    private async Task<SipResponse> SendAgainAsync(DialogManager dialogs, SipDialog dialog, SipMethod method, Action<SipRequestBuilder>? customize)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await SendOnceAsync(dialogs, dialog, method, customize).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (method == SipMethod.Invite && attempt < 100 && dialog.State == SipDialogState.Confirmed)
            {
                await Task.Yield();
            }
        }
    }

    private static bool HasCredentials(SipRequest request) =>
        request.Headers.Contains(SipHeaderKind.Authorization) || request.Headers.Contains(SipHeaderKind.ProxyAuthorization);

    private bool Take(SipResponse challenge, bool answered)
    {
        lock (_gate)
        {
            return digest.TakeChallenge(challenge, answered);
        }
    }
}
