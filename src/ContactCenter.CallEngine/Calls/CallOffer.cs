using System.Net;
using System.Threading.Channels;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Codecs;
using ContactCenter.Sdp;
using ContactCenter.Sip.Syntax;
using ContactCenter.Sip.Transactions;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Dialogs;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>What ringing one target came to: the answering dialog and its SDP answer, or why nobody answered.</summary>
internal sealed record CallOfferResult(SipDialog? Dialog, SdpSession? Answer, string Reason)
{
    /// <summary>The called user (extension) whose branch answered, or null.</summary>
    public string? AnsweredBy { get; init; }

    /// <summary>The 2xx that answered, or null.</summary>
    public SipResponse? Response { get; init; }
}

/// <summary>A target that answered: its extension (reserved in <see cref="Agents.AgentActivity"/>), its dialog and its media.</summary>
internal sealed record AnsweredLeg(string Target, SipDialog Dialog, LegMedia Media, bool IsAgent = true)
{
    /// <summary>The session timer its 2xx agreed (RFC 4028 §7.2), or null for none.</summary>
    public SessionTerms? Session { get; init; }

    /// <summary>Whether the answerer listed UPDATE in its Allow (session refreshes use it then).</summary>
    public bool AllowsUpdate { get; init; }

    /// <summary>The leg as answered by <paramref name="response"/> (its session timer and Allow).</summary>
    public AnsweredLeg From(SipResponse? response) =>
        response is null ? this : this with { Session = SessionTimerNegotiation.FromResponse(response), AllowsUpdate = SessionRefresh.AllowsUpdate(response) };
}

/// <summary>
/// Rings one target: an INVITE to each of its registered contacts at once (parallel forking), the first 2xx
/// wins, the other branches are cancelled (RFC 3261 §9.1), and a 2xx that still arrives on a losing branch is
/// acknowledged and ended with BYE (§13.2.2.4). Gives up after the ring timeout or when the caller leaves.
/// </summary>
internal sealed class CallOffer(CallServices services, Guid callId, IDialogRequestHandler answeringLeg)
{
    /// <summary>
    /// Offers the call to <paramref name="target"/>: takes one of its call slots, opens a media leg, offers
    /// <paramref name="callerLaw"/> first and rings its contacts. Returns the answered leg (the slot stays taken),
    /// or null after reporting why through <paramref name="offered"/>/<paramref name="failed"/> (the slot is given back).
    /// </summary>
    public async Task<AnsweredLeg?> OfferAsync(string target, G711Law callerLaw, string callerNumber, Action<string> offered,
        Action<string, string> failed, CancellationToken cancellationToken)
    {
        if (!services.Agents.TryReserve(target, services.Calls.AgentCallLimit))
        {
            failed(target, "busy on another call");
            return null;
        }

        var contacts = services.Locations.Lookup(target);
        LegMedia? media = null;
        if (contacts.Count == 0 || !LegMedia.TryCreate(services.Relay, out media))
        {
            var why = contacts.Count == 0 ? "not registered" : "no free media ports";
            services.Agents.Release(target, talked: false, why);
            failed(target, why);
            return null;
        }

        var offer = media.CreateOffer(callerLaw);
        offered(target);
        services.Logger.Offered(callId, target, contacts.Count);
        var branches = contacts.Select(c => (c.Uri, SessionRequests.Destination(c))).ToList();
        var (won, reason) = await RingAndAgreeAsync(target, branches, media, offer, callerNumber, callerNumber, cancellationToken).ConfigureAwait(false);
        if (won is not null)
        {
            services.Agents.Answered(target);
            return new AnsweredLeg(target, won.Dialog!, media).From(won.Response);
        }

        services.Agents.Release(target, talked: false, cancellationToken.IsCancellationRequested ? null : reason);
        await media.DisposeAsync().ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested)
        {
            failed(target, reason);
        }

        return null;
    }

    /// <summary>
    /// Ring-all: offers the call to every one of <paramref name="targets"/> at once (each takes a call slot; every
    /// registered contact of each rings), the first to answer takes it and the others are cancelled. Returns the
    /// answered leg, or null after reporting each target's failure through <paramref name="failed"/>.
    /// </summary>
    public async Task<AnsweredLeg?> OfferGroupAsync(IReadOnlyList<string> targets, G711Law callerLaw, string callerNumber, Action<string> offered,
        Action<string, string> failed, CancellationToken cancellationToken)
    {
        var ringing = new List<string>();
        var branches = new List<(SipUri Target, SipEndPoint Destination, string CalledUser)>();
        foreach (var target in targets)
        {
            if (!services.Agents.TryReserve(target, services.Calls.AgentCallLimit))
            {
                failed(target, "busy on another call");
                continue;
            }

            var contacts = services.Locations.Lookup(target);
            if (contacts.Count == 0)
            {
                services.Agents.Release(target, talked: false, "not registered");
                failed(target, "not registered");
                continue;
            }

            ringing.Add(target);
            branches.AddRange(contacts.Select(c => (c.Uri, SessionRequests.Destination(c), target)));
        }

        if (ringing.Count == 0)
        {
            return null;
        }

        if (!LegMedia.TryCreate(services.Relay, out var media))
        {
            foreach (var target in ringing)
            {
                services.Agents.Release(target, talked: false, "no free media ports");
                failed(target, "no free media ports");
            }

            return null;
        }

        var offer = media.CreateOffer(callerLaw);
        foreach (var target in ringing)
        {
            offered(target);
            if (services.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
            {
                services.Logger.Offered(callId, target, branches.Count(b => b.CalledUser == target));
            }
        }

        var result = await RingAsync(branches, offer, callerNumber, callerNumber, cancellationToken).ConfigureAwait(false);
        var agreed = result.Dialog is not null && media.AcceptAnswer(result.Answer!);
        if (result.Dialog is not null && !agreed)
        {
            await services.Dialogs.SendByeAsync(result.Dialog, CancellationToken.None).ConfigureAwait(false);
        }

        foreach (var target in ringing.Where(t => !agreed || t != result.AnsweredBy))
        {
            // Those who were not first simply lost the race: it is not a missed call for them.
            var why = agreed ? null : cancellationToken.IsCancellationRequested ? null : result.Reason;
            services.Agents.Release(target, talked: false, why);
            if (!cancellationToken.IsCancellationRequested)
            {
                failed(target, agreed ? "answered by " + result.AnsweredBy : result.Reason);
            }
        }

        if (agreed)
        {
            services.Agents.Answered(result.AnsweredBy!);
            return new AnsweredLeg(result.AnsweredBy!, result.Dialog!, media).From(result.Response);
        }

        await media.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Dials <paramref name="number"/> (E.164) through the carrier trunk with the company's caller ID; the answered
    /// leg holds no agent slot. Null after reporting why through <paramref name="failed"/>.
    /// </summary>
    public async Task<AnsweredLeg?> DialOutAsync(string number, G711Law callerLaw, Action<string> offered, Action<string, string> failed,
        CancellationToken cancellationToken)
    {
        var trunk = services.Options.Trunk;
        if (trunk is null || !IPAddress.TryParse(trunk.Address, out var address))
        {
            failed(number, "no trunk configured");
            return null;
        }

        if (!LegMedia.TryCreate(services.Relay, out var media))
        {
            failed(number, "no free media ports");
            return null;
        }

        var offer = media.CreateOffer(callerLaw);
        offered(number);
        var destination = new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(address, trunk.Port));
        var uri = SipUri.Create(SipUriScheme.Sip, number, trunk.Address, trunk.Port);
        var callerId = trunk.CallerId ?? "anonymous";
        var (won, reason) = await RingAndAgreeAsync(number, [(uri, destination)], media, offer, callerId, null, cancellationToken).ConfigureAwait(false);
        if (won is not null)
        {
            return new AnsweredLeg(number, won.Dialog!, media, IsAgent: false).From(won.Response);
        }

        await media.DisposeAsync().ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested)
        {
            failed(number, reason);
        }

        return null;
    }

    public Task<CallOfferResult> RingAsync(string calledUser, IReadOnlyList<(SipUri Target, SipEndPoint Destination)> contacts, SdpSession offer,
        string callerNumber, string? callerDisplay, CancellationToken cancellationToken) =>
        RingAsync([.. contacts.Select(c => (c.Target, c.Destination, calledUser))], offer, callerNumber, callerDisplay, cancellationToken);

    /// <summary>Rings every branch at once (each with its own called user, for ring-all); the first 2xx wins.</summary>
    public async Task<CallOfferResult> RingAsync(IReadOnlyList<(SipUri Target, SipEndPoint Destination, string CalledUser)> contacts, SdpSession offer,
        string callerNumber, string? callerDisplay, CancellationToken cancellationToken)
    {
        var responses = Channel.CreateUnbounded<(ClientInviteTransaction Transaction, SipResponse Response)>();
        var branches = new List<ClientInviteTransaction>(contacts.Count);
        var users = new Dictionary<ClientInviteTransaction, string>();
        foreach (var (target, destination, calledUser) in contacts)
        {
            var invite = SessionRequests.Invite(services.Transport, target, destination, calledUser, callerNumber, callerDisplay,
                services.Calls.ContactUser, offer, callId, services.SessionTimers);
            try
            {
                var branch = await services.Transactions.SendInviteAsync(invite, destination, CancellationToken.None).ConfigureAwait(false);
                branches.Add(branch);
                users[branch] = calledUser;
            }
#pragma warning disable CA1031 // One unreachable contact must not stop the others from ringing.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                services.Logger.SendFailed(ex, callId, "INVITE");
            }
        }

        if (branches.Count == 0)
        {
            return new CallOfferResult(null, null, "unreachable");
        }

        _ = CompleteWhenDoneAsync(branches, responses.Writer);
        using var timeout = new CancellationTokenSource(services.Calls.RingTimeout, services.Time);
        using var ringing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var pending = branches.Count;
        var reason = "no answer";
        ClientInviteTransaction? winningBranch = null;
        SipDialog? winner = null;
        SdpSession? answer = null;
        SipResponse? answered = null;
        try
        {
            while (pending > 0 && winner is null && await responses.Reader.WaitToReadAsync(ringing.Token).ConfigureAwait(false))
            {
                while (winner is null && responses.Reader.TryRead(out var item))
                {
                    var (branch, response) = item;
                    if (response.IsProvisional)
                    {
                        continue;
                    }

                    pending--;
                    if (!response.IsSuccess)
                    {
                        reason = Describe(response.StatusCode);
                        continue;
                    }

                    var dialog = services.Dialogs.OnInviteResponse(branch, response, answeringLeg);
                    if (dialog is null)
                    {
                        continue;
                    }

                    await services.Dialogs.AcknowledgeAsync(dialog, response, null, CancellationToken.None).ConfigureAwait(false);
                    if (!SessionRequests.TryGetSdp(response, out var sdp, out _))
                    {
                        reason = "answer without SDP";
                        await services.Dialogs.SendByeAsync(dialog, CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }

                    (winner, winningBranch, answer, answered) = (dialog, branch, sdp, response);
                }
            }
        }
        catch (OperationCanceledException)
        {
            reason = cancellationToken.IsCancellationRequested ? "caller left" : "no answer";
        }

        foreach (var branch in branches)
        {
            if (!ReferenceEquals(branch, winningBranch))
            {
                _ = branch.CancelAsync(CancellationToken.None);
            }
        }

        _ = DrainAsync(responses.Reader, winningBranch, winner);
        return new CallOfferResult(winner, answer, winner is null ? reason : "answered")
        {
            AnsweredBy = winningBranch is null ? null : users[winningBranch],
            Response = answered,
        };
    }

    /// <summary>
    /// Rings <paramref name="branches"/> and reads the answer into <paramref name="media"/>; an answered dialog whose SDP
    /// agrees on nothing we relay is ended with BYE. The answer, or null with the reason nobody took the call.
    /// </summary>
    private async Task<(CallOfferResult? Answered, string Reason)> RingAndAgreeAsync(string calledUser, IReadOnlyList<(SipUri Target, SipEndPoint Destination)> branches,
        LegMedia media, SdpSession offer, string callerNumber, string? callerDisplay, CancellationToken cancellationToken)
    {
        var result = await RingAsync(calledUser, branches, offer, callerNumber, callerDisplay, cancellationToken).ConfigureAwait(false);
        if (result.Dialog is null)
        {
            return (null, result.Reason);
        }

        if (media.AcceptAnswer(result.Answer!))
        {
            return (result, result.Reason);
        }

        await services.Dialogs.SendByeAsync(result.Dialog, CancellationToken.None).ConfigureAwait(false);
        return (null, "no common codec in the answer");
    }

    /// <summary>Why a target did not take the call, from the final response of its last branch.</summary>
    public static string Describe(int statusCode) => statusCode switch
    {
        SipStatusCodes.BusyHere or SipStatusCodes.BusyEverywhere => "busy",
        SipStatusCodes.Decline => "declined",
        SipStatusCodes.RequestTimeout => "no answer",
        SipStatusCodes.TemporarilyUnavailable => "unavailable",
        SipStatusCodes.RequestTerminated => "cancelled",
        SipStatusCodes.NotAcceptableHere or SipStatusCodes.NotAcceptableAnywhere => "no common codec",
        SipStatusCodes.ServiceUnavailable => "unreachable",
        _ => $"rejected ({statusCode})",
    };

    private static async Task CompleteWhenDoneAsync(List<ClientInviteTransaction> branches, ChannelWriter<(ClientInviteTransaction, SipResponse)> writer)
    {
        await Task.WhenAll(branches.Select(branch => PumpAsync(branch, writer))).ConfigureAwait(false);
        writer.TryComplete();
    }

    private static async Task PumpAsync(ClientInviteTransaction branch, ChannelWriter<(ClientInviteTransaction, SipResponse)> writer)
    {
        await foreach (var response in branch.Responses.ReadAllAsync().ConfigureAwait(false))
        {
            writer.TryWrite((branch, response));
        }
    }

    /// <summary>
    /// After the decision: the winner's 2xx retransmissions get the same ACK again; a 2xx on any other branch
    /// (it answered as the CANCEL crossed) is acknowledged and ended with BYE.
    /// </summary>
    private async Task DrainAsync(ChannelReader<(ClientInviteTransaction Transaction, SipResponse Response)> reader,
        ClientInviteTransaction? winningBranch, SipDialog? winner)
    {
        try
        {
            await foreach (var (branch, response) in reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (!response.IsSuccess)
                {
                    continue;
                }

                if (ReferenceEquals(branch, winningBranch) && winner is not null)
                {
                    await services.Dialogs.AcknowledgeAsync(winner, response, null, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                var late = services.Dialogs.OnInviteResponse(branch, response);
                if (late is not null && !ReferenceEquals(late, winner))
                {
                    await services.Dialogs.AcknowledgeAsync(late, response, null, CancellationToken.None).ConfigureAwait(false);
                    if (late.State == SipDialogState.Confirmed)
                    {
                        await services.Dialogs.SendByeAsync(late, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }
        }
#pragma warning disable CA1031 // Background clean-up reports failures in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            services.Logger.SendFailed(ex, callId, "ACK/BYE");
        }
    }
}
