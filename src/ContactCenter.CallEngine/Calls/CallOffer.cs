using System.Net;
using ContactCenter.CallEngine.Media;
using ContactCenter.Media.Codecs;
using ContactCenter.Sdp;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Calls;

/// <summary>A target that answered: its extension (reserved in <see cref="Agents.AgentActivity"/>), its leg, the leg's events and its media.</summary>
internal sealed record AnsweredLeg(string Target, ILegSession Leg, OfferWaiter Events, LegMedia Media, bool IsAgent = true)
{
    /// <summary>The trunk that carried an outside party's leg, or null.</summary>
    public string? Trunk { get; init; }
}

/// <summary>
/// Offers a call through the session port: to an agent's extension (its call slot taken first), to several at once
/// (ring-all: the first answer takes the call, the others are withdrawn), or to an outside number through the trunk.
/// The session layer rings, forks, cancels and acknowledges; this keeps the agents'
/// slots, the leg's media and the call's events right. Gives up after the ring timeout or when the caller leaves.
/// </summary>
internal sealed class CallOffer(CallServices services, Guid callId, ILegOwner answeringLeg)
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

        var phones = services.Phones.Phones(target);
        var contacts = phones.Count;
        LegMedia? media = null;
        if (contacts == 0 || !LegMedia.TryCreate(services.Relay, out media, services.Legs.MediaSecurity(LegTarget.Extension(target)),
            usePublicAddress: services.Legs.PublicMediaAddress(LegTarget.Extension(target))))
        {
            var why = contacts == 0 ? "not registered" : "no free media ports";
            services.Agents.Release(target, talked: false, why);
            failed(target, why);
            return null;
        }

        // The agent's phone may sit behind NAT: its media comes from where its REGISTER came from.
        foreach (var phone in phones)
        {
            media.AllowSignallingSource(phone);
        }

        var offer = media.CreateOffer(callerLaw);
        offered(target);
        services.Logger.Offered(callId, target, contacts);
        var (won, reason, _) = await FirstAnswerAsync([Place(LegTarget.Extension(target), callerNumber, offer)], media, cancellationToken).ConfigureAwait(false);
        if (won is { } answered)
        {
            services.Agents.Answered(target);
            return Answered(target, answered, media, isAgent: true);
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
    /// registered contact of each rings), the first to answer takes it and the others are withdrawn. Returns the
    /// answered leg, or null after reporting each target's failure through <paramref name="failed"/>.
    /// </summary>
    public async Task<AnsweredLeg?> OfferGroupAsync(IReadOnlyList<string> targets, G711Law callerLaw, string callerNumber, Action<string> offered,
        Action<string, string> failed, CancellationToken cancellationToken)
    {
        var ringing = new List<(string Target, IReadOnlyList<IPAddress> Phones)>();
        foreach (var target in targets)
        {
            if (!services.Agents.TryReserve(target, services.Calls.AgentCallLimit))
            {
                failed(target, "busy on another call");
                continue;
            }

            var phones = services.Phones.Phones(target);
            if (phones.Count == 0)
            {
                services.Agents.Release(target, talked: false, "not registered");
                failed(target, "not registered");
                continue;
            }

            ringing.Add((target, phones));
        }

        if (ringing.Count == 0)
        {
            return null;
        }

        if (!LegMedia.TryCreate(services.Relay, out var media))
        {
            foreach (var (target, _) in ringing)
            {
                services.Agents.Release(target, talked: false, "no free media ports");
                failed(target, "no free media ports");
            }

            return null;
        }

        // Each target gets an offer of its own (one media endpoint): SRTP keys to a phone that takes them, plain RTP to one
        // that does not, RTP/SAVP only to one that must use SRTP; the public or local address by its listener.
        var offers = new List<SdpSession>();
        foreach (var (target, phones) in ringing)
        {
            foreach (var phone in phones)
            {
                media.AllowSignallingSource(phone); // phones behind NAT send media from where their REGISTER came
            }

            var branch = LegTarget.Extension(target);
            offers.Add(media.CreateBranchOffer(callerLaw, services.Legs.MediaSecurity(branch), services.Legs.PublicMediaAddress(branch)));
            offered(target);
            services.Logger.Offered(callId, target, phones.Count);
        }

        var legs = ringing.Select((r, i) => Place(LegTarget.Extension(r.Target), callerNumber, offers[i])).ToList();
        var offerOf = legs.Select((l, i) => (l.Leg, Offer: offers[i])).ToDictionary(l => l.Leg, l => l.Offer);
        var (won, reason, _) = await FirstAnswerAsync(legs, media, cancellationToken, offerOf).ConfigureAwait(false);
        var winner = won is not { } w ? null : ringing[legs.FindIndex(l => ReferenceEquals(l.Leg, w.Leg))].Target;
        foreach (var (target, _) in ringing.Where(r => r.Target != winner))
        {
            // Those who were not first simply lost the race: it is not a missed call for them.
            services.Agents.Release(target, talked: false, winner is not null || cancellationToken.IsCancellationRequested ? null : reason);
            if (!cancellationToken.IsCancellationRequested)
            {
                failed(target, winner is not null ? "answered by " + winner : reason);
            }
        }

        if (won is not null)
        {
            services.Agents.Answered(winner!);
            return Answered(winner!, won.Value, media, isAgent: true);
        }

        await media.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Dials <paramref name="number"/> (E.164) through the trunks that may carry it (prefix rules and priority), each with
    /// its caller ID: when a trunk fails (a server error, 408, or no response at all) the next one is tried; a busy,
    /// declined or unknown number is final. The answered leg holds no agent slot and names its trunk. Null after
    /// reporting why through <paramref name="failed"/> (each trunk's failure too).
    /// </summary>
    public async Task<AnsweredLeg?> DialOutAsync(string number, G711Law callerLaw, Action<string> offered, Action<string, string> failed,
        CancellationToken cancellationToken)
    {
        var trunks = services.Trunks.Choose(number);
        if (trunks.Count == 0)
        {
            failed(number, "no trunk configured");
            return null;
        }

        if (!LegMedia.TryCreate(services.Relay, out var media))
        {
            failed(number, "no free media ports");
            return null;
        }

        offered(number);
        for (var i = 0; i < trunks.Count; i++)
        {
            // Each trunk gets an offer of its own: its codecs, its media protection.
            var trunk = trunks[i];
            var target = LegTarget.Outside(number, trunk.Trunk);
            media.Restrict(services.Legs.MediaSecurity(target), services.Legs.MediaCodecs(target), services.Legs.PublicMediaAddress(target));
            var placed = Place(target, trunk.CallerId ?? "anonymous", media.CreateOffer(callerLaw));
            var (won, reason, ended) = await FirstAnswerAsync([placed], media, cancellationToken).ConfigureAwait(false);
            if (won is { } answered)
            {
                services.Metrics.TrunkCall(trunk.Trunk, "outbound");
                return Answered(number, answered, media, isAgent: false) with { Trunk = trunk.Trunk };
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (ended is { RouteFailed: true })
            {
                services.Metrics.TrunkFailed(trunk.Trunk);
                if (i + 1 < trunks.Count)
                {
                    services.Logger.TrunkFailedOver(callId, trunk.Trunk, number, reason, trunks[i + 1].Trunk);
                    failed(number, $"{reason} (trunk {trunk.Trunk}; trying trunk {trunks[i + 1].Trunk})");
                    continue;
                }
            }

            await media.DisposeAsync().ConfigureAwait(false);
            failed(number, trunks.Count > 1 ? $"{reason} (trunk {trunk.Trunk})" : reason);
            return null;
        }

        await media.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    private (ILegSession Leg, OfferWaiter Waiter) Place(LegTarget target, string callerNumber, SdpSession offer)
    {
        var waiter = new OfferWaiter(answeringLeg);
        var leg = services.Legs.Offer(new LegOffer(callId, target, callerNumber, offer, services.Calls.RingTimeout), waiter);
        return (leg, waiter);
    }

    /// <summary>
    /// Waits for the first of <paramref name="legs"/> to answer, withdraws the others, and reads its answer into
    /// <paramref name="media"/> against the offer it got (<paramref name="offerOf"/>: each leg's, for ring-all; else our last
    /// offer); a leg whose answer agrees on nothing we relay is hung up. The caller leaving withdraws
    /// them all. Returns the answered leg, or null with the reason nobody took the call.
    /// </summary>
    private static async Task<((ILegSession Leg, OfferWaiter Waiter)? Won, string Reason, LegEnded? Ended)> FirstAnswerAsync(IReadOnlyList<(ILegSession Leg, OfferWaiter Waiter)> legs,
        LegMedia media, CancellationToken cancellationToken, IReadOnlyDictionary<ILegSession, SdpSession>? offerOf = null)
    {
        var pending = legs.ToList();
        var reason = "no answer";
        LegEnded? last = null;
        await using var leaving = cancellationToken.Register(() =>
        {
            foreach (var (leg, _) in legs)
            {
                _ = leg.HangUpAsync(CancellationToken.None).AsTask();
            }
        }).ConfigureAwait(false);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending.Select(p => p.Waiter.Outcome)).ConfigureAwait(false);
            var index = pending.FindIndex(p => ReferenceEquals(p.Waiter.Outcome, done));
            var (leg, waiter) = pending[index];
            pending.RemoveAt(index);
            var (answer, ended) = await done.ConfigureAwait(false);
            if (answer is null)
            {
                (reason, last) = (ended!.Detail, ended);
                continue;
            }

            foreach (var (other, _) in pending)
            {
                await other.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
            }

            if (media.AcceptAnswer(answer, offerOf?.GetValueOrDefault(leg)))
            {
                return ((leg, waiter), "answered", null);
            }

            await leg.HangUpAsync(CancellationToken.None).ConfigureAwait(false);
            return (null, "no common codec in the answer", null);
        }

        return (null, reason, last);
    }

    private static AnsweredLeg Answered(string target, (ILegSession Leg, OfferWaiter Waiter) won, LegMedia media, bool isAgent) =>
        new(target, won.Leg, won.Waiter, media, isAgent);
}
