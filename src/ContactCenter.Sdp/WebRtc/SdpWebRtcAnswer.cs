using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sdp.WebRtc;

/// <summary>
/// Answers a browser's offer (RFC 8829 §5.3 as an ICE-lite endpoint, RFC 8445 §2.5): the first audio stream over
/// UDP/TLS/RTP/SAVPF with rtcp-mux, ICE credentials, a fingerprint, <c>a=setup:actpass</c> or <c>active</c>, and a codec in
/// common is accepted (the voice codecs in our order, <see cref="SdpWebRtcLocal.Codecs"/>: the browser sends the first);
/// we are DTLS server (<c>a=setup:passive</c>), give one host candidate, and take BUNDLE for that stream
/// alone. Every other m-line is rejected with port 0 (keeping its mid).
/// </summary>
public static class SdpWebRtcAnswer
{
    /// <summary>Makes the answer, or says why there is none.</summary>
    public static SdpWebRtcAnswerResult Create(SdpSession offer, SdpWebRtcLocal local, SdpOriginTracker origin)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(origin);
        var media = new SdpMedia[offer.Media.Count];
        SdpNegotiatedAudio? audio = null;
        SdpWebRtcTransport? remote = null;
        for (var i = 0; i < media.Length; i++)
        {
            var offered = offer.Media[i];
            if (audio is null && IsWebRtcAudio(offered) && SdpWebRtcTransport.TryRead(offer, offered, out var transport)
                && transport.RtcpMux && transport.Setup is SdpSetupRole.ActPass or SdpSetupRole.Active
                && Negotiate(offer, i, local, ourOrder: true) is { } negotiated)
            {
                audio = negotiated;
                remote = transport;
                media[i] = Describe(local, offered.MediaType, offered.Protocol, transport.Mid, [.. negotiated.Codecs, .. negotiated.TelephoneEvent is { } events ? [events] : Array.Empty<SdpCodec>()],
                    negotiated.Direction, SdpSetupRole.Passive);
                continue;
            }

            // RFC 3264 §6: a rejected stream keeps its type and formats, with port 0; RFC 8843 §7.3.3: and its mid.
            var mid = offered.Attributes.Find("mid");
            media[i] = new SdpMedia(offered.MediaType, 0, offered.Protocol, offered.Formats) { Attributes = mid is null ? [] : [mid] };
        }

        if (audio is null || remote is null)
        {
            return new SdpWebRtcAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null, null);
        }

        var attributes = new List<SdpAttribute> { new("ice-lite") };
        if (remote.Mid is { } accepted && offer.Attributes.Find("group")?.Value?.StartsWith("BUNDLE", StringComparison.Ordinal) == true)
        {
            attributes.Add(new SdpAttribute("group", "BUNDLE " + accepted));
        }

        var answer = origin.Stamp(new SdpSession(origin.Current, local.SessionName)
        {
            Connection = SdpConnection.FromAddress(local.Address),
            Attributes = [.. attributes],
            Media = [.. media],
        });
        return new SdpWebRtcAnswerResult(SdpAnswerStatus.Accepted, answer, audio, remote);
    }

    internal static bool IsWebRtcAudio(SdpMedia media) =>
        media.MediaType == "audio" && media.Port != 0
        && (string.Equals(media.Protocol, SdpWebRtcTransport.Protocol, StringComparison.OrdinalIgnoreCase)
            || string.Equals(media.Protocol, "UDP/TLS/RTP/SAVP", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The audio agreed with the remote description <paramref name="offer"/> (an offer or an answer) at <paramref name="index"/>:
    /// the common codecs in the remote's order, or in ours when <paramref name="ourOrder"/> (we answer an offer: RFC 3264
    /// §6.1 lets the answerer order them; a remote answer's order is the one both sides send with).
    /// </summary>
    internal static SdpNegotiatedAudio? Negotiate(SdpSession offer, int index, SdpWebRtcLocal local, bool ourOrder = false)
    {
        var offered = offer.Media[index];
        var common = new List<SdpCodec>();
        foreach (var codec in SdpOfferAnswer.GetCodecs(offered))
        {
            if (local.Codecs.FirstOrDefault(codec.IsSameFormat) is { } ours)
            {
                // RFC 3264 §6.1: the offerer's payload type numbers; our fmtp.
                common.Add(ours with { PayloadType = codec.PayloadType, Channels = codec.Channels });
            }
        }

        if (ourOrder)
        {
            common = [.. common.OrderBy(c => OurRank(local, c))]; // stable: the offerer's order among equals
        }

        SdpCodec[] voice = [.. common.Where(c => !c.IsTelephoneEvent)];
        if (voice.Length == 0)
        {
            return null;
        }

        var theirs = offer.GetDirection(offered);
        var direction = SdpDirections.From(theirs.Receives() && local.Direction.Sends(), theirs.Sends() && local.Direction.Receives());
        var address = offer.GetConnection(offered)?.Address ?? "0.0.0.0";
        return new SdpNegotiatedAudio(index, address, offered.Port, offered.Port, [.. common], direction)
        {
            // RFC 4733 §2.1: events on the clock of the voice codec sent.
            TelephoneEvent = common.FirstOrDefault(c => c.IsTelephoneEvent && c.ClockRate == voice[0].ClockRate),
            RemotePtime = offered.Ptime,
            IsRemoteHold = theirs is SdpDirection.SendOnly or SdpDirection.Inactive,
        } with { Codecs = [.. voice] };
    }

    private static int OurRank(SdpWebRtcLocal local, SdpCodec codec)
    {
        for (var i = 0; i < local.Codecs.Count; i++)
        {
            if (codec.IsSameFormat(local.Codecs[i]))
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>Our WebRTC m-line: mid, ICE credentials, fingerprint, <paramref name="setup"/>, rtcp-mux, codecs, ptime, our host candidate.</summary>
    internal static SdpMedia Describe(SdpWebRtcLocal local, string mediaType, string protocol, string? mid, IReadOnlyList<SdpCodec> codecs,
        SdpDirection direction, SdpSetupRole setup)
    {
        var attributes = new List<SdpAttribute>();
        if (mid is not null)
        {
            attributes.Add(new SdpAttribute("mid", mid));
        }

        attributes.Add(new SdpAttribute("ice-ufrag", local.IceUfrag));
        attributes.Add(new SdpAttribute("ice-pwd", local.IcePassword));
        attributes.Add(local.Fingerprint.ToAttribute());
        attributes.Add(new SdpAttribute("setup", SdpWebRtcTransport.Format(setup)));
        attributes.Add(new SdpAttribute("rtcp-mux"));
        attributes.Add(SdpAttribute.ForDirection(direction));
        foreach (var codec in codecs)
        {
            attributes.Add(codec.ToRtpMap().ToAttribute());
            if (codec.Fmtp is not null)
            {
                attributes.Add(new SdpFmtp(codec.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture), codec.Fmtp).ToAttribute());
            }
        }

        attributes.Add(SdpAttribute.ForPtime(20));
        attributes.Add(SdpIceCandidate.Host(local.Address.ToString(), local.Port).ToAttribute());
        attributes.Add(new SdpAttribute("end-of-candidates"));
        return new SdpMedia(mediaType, local.Port, protocol,
            [.. codecs.Select(c => c.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture))])
        {
            Connection = SdpConnection.FromAddress(local.Address),
            Attributes = [.. attributes],
        };
    }
}
