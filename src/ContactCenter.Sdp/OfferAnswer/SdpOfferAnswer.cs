namespace ContactCenter.Sdp.OfferAnswer;

/// <summary>
/// The RFC 3264 offer/answer model for one audio stream per call leg: creating offers from our
/// capabilities, answering offers, and reading answers to our offers.
/// </summary>
public static class SdpOfferAnswer
{
    private const string AudioMedia = "audio";
    private const string RtpAvp = "RTP/AVP";
    private const string RtpSavp = "RTP/SAVP";

    /// <summary>Creates an offer with one audio stream (RFC 3264 §5), stamped by <paramref name="origin"/>.</summary>
    public static SdpSession CreateOffer(SdpLocalCapabilities local, SdpOriginTracker origin)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(origin);
        if (local.Codecs.IsEmpty)
        {
            throw new ArgumentException("At least one codec is needed to make an offer.", nameof(local));
        }

        if (local.Srtp != SdpSrtpMode.Off && local.Crypto.IsEmpty)
        {
            throw new ArgumentException("SRTP needs at least one crypto suite with our key.", nameof(local));
        }

        // RFC 4568 §6.1: each offered suite on its own line, tags 1..n in preference order.
        SdpCrypto[] offered = local.Srtp == SdpSrtpMode.Off ? [] : [.. local.Crypto.Select((c, i) => c with { Tag = i + 1 })];
        string protocol = local.Srtp == SdpSrtpMode.Require ? RtpSavp : RtpAvp;
        return Describe(local, origin, [BuildAudio(local, local.Codecs, local.Direction, protocol, offered)]);
    }

    /// <summary>
    /// Answers <paramref name="offer"/> (RFC 3264 §6): one answer m-line per offered one, in order; the first
    /// RTP/AVP or RTP/SAVP audio stream with a common codec (and, for SRTP, a crypto suite we support: RFC 4568 §6.1)
    /// is accepted, every other stream is rejected with port 0.
    /// </summary>
    public static SdpAnswerResult CreateAnswer(SdpSession offer, SdpLocalCapabilities local, SdpOriginTracker origin)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(origin);
        var media = new SdpMedia[offer.Media.Count];
        SdpNegotiatedAudio? audio = null;
        for (int i = 0; i < media.Length; i++)
        {
            SdpMedia offered = offer.Media[i];
            (SdpCrypto Theirs, SdpCrypto Ours)? crypto = ChooseCrypto(offered, local);
            bool secure = string.Equals(offered.Protocol, RtpSavp, StringComparison.OrdinalIgnoreCase);
            SdpNegotiatedAudio? candidate = audio is null && IsUsableAudio(offer, offered)
                && (crypto is not null || (!secure && local.Srtp != SdpSrtpMode.Require))
                ? Negotiate(offer, i, local, AnswerDirection(offer, offered, local.Direction), IsHold(offer, offered))
                : null;
            if (candidate is null)
            {
                // RFC 3264 §6: a rejected stream keeps its media type and formats, with port 0.
                media[i] = new SdpMedia(offered.MediaType, 0, offered.Protocol, offered.Formats);
                continue;
            }

            EquatableArray<SdpCodec> answered = CommonCodecs(offered, local);
            if (crypto is { } chosen)
            {
                // The answer repeats the accepted line's tag and suite with our own key (RFC 4568 §6.1).
                candidate = candidate with { Srtp = new SdpSrtpKeys(chosen.Theirs.Suite, chosen.Ours.Keys[0].KeySalt, chosen.Theirs.Keys[0].KeySalt) };
                media[i] = BuildAudio(local, answered, candidate.Direction, offered.Protocol, [chosen.Ours with { Tag = chosen.Theirs.Tag }]);
            }
            else
            {
                media[i] = BuildAudio(local, answered, candidate.Direction, offered.Protocol, []);
            }

            audio = candidate;
        }

        return audio is null
            ? new SdpAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null)
            : new SdpAnswerResult(SdpAnswerStatus.Accepted, Describe(local, origin, media), audio);
    }

    /// <summary>Reads the peer's <paramref name="answer"/> to our <paramref name="offer"/> (RFC 3264 §7).</summary>
    public static SdpAnswerResult ProcessAnswer(SdpSession offer, SdpSession answer, SdpLocalCapabilities local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(local);
        if (answer.Media.Count != offer.Media.Count)
        {
            return new SdpAnswerResult(SdpAnswerStatus.InvalidAnswer, null, null);
        }

        for (int i = 0; i < answer.Media.Count; i++)
        {
            SdpMedia answered = answer.Media[i];
            if (!IsUsableAudio(answer, answered) || offer.Media[i].MediaType != answered.MediaType)
            {
                continue;
            }

            // We send what the answerer receives and receive what it sends.
            SdpDirection theirs = RemoteDirection(answer, answered);
            SdpDirection ours = offer.GetDirection(offer.Media[i]);
            SdpDirection direction = SdpDirections.From(
                theirs.Receives() && ours.Sends(), theirs.Sends() && ours.Receives());
            SdpNegotiatedAudio? audio = Negotiate(answer, i, local, direction, ours.Sends() && !theirs.Receives());
            if (audio is null)
            {
                continue;
            }

            // SRTP when the answer accepted one of our crypto lines (same tag, same suite, a key we can use).
            SdpSrtpKeys? keys = AcceptedCrypto(offer.Media[i], answered);
            bool required = local.Srtp == SdpSrtpMode.Require || string.Equals(answered.Protocol, RtpSavp, StringComparison.OrdinalIgnoreCase);
            if (keys is null && required)
            {
                continue;
            }

            return new SdpAnswerResult(SdpAnswerStatus.Accepted, null, audio with { Srtp = keys });
        }

        return new SdpAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null);
    }

    /// <summary>
    /// Whether <paramref name="media"/> in <paramref name="session"/> puts the other side on hold: direction
    /// sendonly or inactive, or the RFC 2543 connection address <c>0.0.0.0</c> (RFC 3264 §8.4).
    /// </summary>
    public static bool IsHold(SdpSession session, SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.GetDirection(media) is SdpDirection.SendOnly or SdpDirection.Inactive ||
               session.GetConnection(media)?.IsUnspecified == true;
    }

    /// <summary>
    /// The formats of <paramref name="media"/> as codecs, in its order; payload types without an <c>rtpmap</c>
    /// are resolved from the RFC 3551 static table, unknown ones are skipped.
    /// </summary>
    public static EquatableArray<SdpCodec> GetCodecs(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var codecs = new List<SdpCodec>();
        foreach (int payloadType in media.PayloadTypes)
        {
            SdpRtpMap? map = media.TryGetRtpMap(payloadType, out SdpRtpMap? declared) ? declared : StaticPayloadTypes.Find(payloadType);
            if (map is not null)
            {
                codecs.Add(new SdpCodec(map.EncodingName, map.ClockRate, payloadType)
                {
                    Channels = map.Channels,
                    Fmtp = media.TryGetFmtp(payloadType, out string? fmtp) ? fmtp : null,
                });
            }
        }

        return [.. codecs];
    }

    private static SdpNegotiatedAudio? Negotiate(
        SdpSession remote, int index, SdpLocalCapabilities local, SdpDirection direction, bool remoteHold)
    {
        SdpMedia media = remote.Media[index];
        SdpConnection? connection = remote.GetConnection(media);
        EquatableArray<SdpCodec> common = CommonCodecs(media, local);
        SdpCodec[] voice = [.. common.Where(c => !c.IsTelephoneEvent)];
        // RFC 3550 §11: RTCP on the next port, so RTP on 65535 without a=rtcp names an RTCP port that cannot exist.
        int rtcpPort = media.Rtcp?.Port ?? media.Port + 1;
        if (connection is null || voice.Length == 0 || rtcpPort is < 1 or > 65_535)
        {
            return null;
        }

        return new SdpNegotiatedAudio(
            index, connection.Address, media.Port, rtcpPort, [.. voice], direction)
        {
            TelephoneEvent = common.FirstOrDefault(c => c.IsTelephoneEvent),
            RemotePtime = media.Ptime,
            IsRemoteHold = remoteHold,
        };
    }

    // RFC 3264 §6.1: keep the remote's payload type numbers and (unless we prefer our own) order; our fmtp says what we
    // support (for telephone-event, the events we can handle).
    private static EquatableArray<SdpCodec> CommonCodecs(SdpMedia remote, SdpLocalCapabilities local)
    {
        var common = new List<(SdpCodec Codec, int Rank)>();
        foreach (SdpCodec offered in GetCodecs(remote))
        {
            int rank = RankOf(local.Codecs, offered);
            if (rank >= 0)
            {
                common.Add((local.Codecs[rank] with { PayloadType = offered.PayloadType, Channels = offered.Channels }, rank));
            }
        }

        if (!local.PreferOwnOrder)
        {
            return [.. common.Select(c => c.Codec)];
        }

        var ordered = common.OrderBy(c => c.Rank).Select(c => c.Codec).ToList();
        var voice = ordered.Find(c => !c.IsTelephoneEvent);
        return [.. ordered.Where(c => c.IsTelephoneEvent || ReferenceEquals(c, voice))];
    }

    private static int RankOf(EquatableArray<SdpCodec> codecs, SdpCodec codec)
    {
        for (int i = 0; i < codecs.Count; i++)
        {
            if (codec.IsSameFormat(codecs[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // RFC 3264 §6.1: sendonly is answered recvonly, recvonly sendonly, inactive inactive; and never more
    // than we want ourselves.
    private static SdpDirection AnswerDirection(SdpSession offer, SdpMedia offered, SdpDirection wanted)
    {
        SdpDirection theirs = RemoteDirection(offer, offered);
        return SdpDirections.From(theirs.Receives() && wanted.Sends(), theirs.Sends() && wanted.Receives());
    }

    // RFC 3264 §8.4: c=0.0.0.0 (RFC 2543 hold) means the peer does not want media sent to it.
    private static SdpDirection RemoteDirection(SdpSession session, SdpMedia media)
    {
        SdpDirection direction = session.GetDirection(media);
        return session.GetConnection(media)?.IsUnspecified == true
            ? SdpDirections.From(direction.Sends(), receives: false)
            : direction;
    }

    private static bool IsUsableAudio(SdpSession session, SdpMedia media) =>
        media.MediaType == AudioMedia && media.Port != 0 &&
        (string.Equals(media.Protocol, RtpAvp, StringComparison.OrdinalIgnoreCase) || string.Equals(media.Protocol, RtpSavp, StringComparison.OrdinalIgnoreCase))
        && session.GetConnection(media) is not null;

    // RFC 4568 §6.1: the first offered line (offer order) whose suite we support, with one key of the right length, no MKI
    // and no session parameters we would have to honour (UNENCRYPTED_*, KDR, FEC_*: not supported, so the line is skipped).
    private static (SdpCrypto Theirs, SdpCrypto Ours)? ChooseCrypto(SdpMedia offered, SdpLocalCapabilities local)
    {
        if (local.Srtp == SdpSrtpMode.Off)
        {
            return null;
        }

        foreach (SdpCrypto theirs in SdpCrypto.From(offered))
        {
            SdpCrypto? ours = local.Crypto.FirstOrDefault(c => string.Equals(c.Suite, theirs.Suite, StringComparison.Ordinal));
            if (ours is not null && IsUsableKey(theirs, ours))
            {
                return (theirs, ours);
            }
        }

        return null;
    }

    private static SdpSrtpKeys? AcceptedCrypto(SdpMedia ourOffer, SdpMedia answered)
    {
        IReadOnlyList<SdpCrypto> accepted = SdpCrypto.From(answered);
        if (accepted.Count != 1)
        {
            return null;
        }

        SdpCrypto theirs = accepted[0];
        SdpCrypto? ours = SdpCrypto.From(ourOffer).FirstOrDefault(c => c.Tag == theirs.Tag && string.Equals(c.Suite, theirs.Suite, StringComparison.Ordinal));
        return ours is not null && IsUsableKey(theirs, ours) ? new SdpSrtpKeys(theirs.Suite, ours.Keys[0].KeySalt, theirs.Keys[0].KeySalt) : null;
    }

    private static bool IsUsableKey(SdpCrypto theirs, SdpCrypto ours) =>
        theirs.Keys.Count == 1 && theirs.Keys[0].MkiValue is null && theirs.SessionParameters.All(p => p.StartsWith("WSH=", StringComparison.Ordinal))
        && theirs.Keys[0].DecodeKeySalt()?.Length is int length && length == ours.Keys[0].DecodeKeySalt()?.Length;

    private static SdpSession Describe(SdpLocalCapabilities local, SdpOriginTracker origin, SdpMedia[] media) =>
        origin.Stamp(new SdpSession(origin.Current, local.SessionName)
        {
            Connection = SdpConnection.FromAddress(local.Address),
            Media = [.. media],
        });

    private static SdpMedia BuildAudio(SdpLocalCapabilities local, EquatableArray<SdpCodec> codecs, SdpDirection direction,
        string protocol, IEnumerable<SdpCrypto> crypto)
    {
        var attributes = new List<SdpAttribute>();
        foreach (SdpCodec codec in codecs)
        {
            attributes.Add(codec.ToRtpMap().ToAttribute());
            if (codec.Fmtp is not null)
            {
                attributes.Add(new SdpFmtp(codec.PayloadType.ToString(), codec.Fmtp).ToAttribute());
            }
        }

        if (local.Ptime is int ptime)
        {
            attributes.Add(SdpAttribute.ForPtime(ptime));
        }

        if (local.RtcpPort is int rtcpPort)
        {
            attributes.Add(new SdpRtcp(rtcpPort).ToAttribute());
        }

        attributes.Add(SdpAttribute.ForDirection(direction));
        attributes.AddRange(crypto.Select(c => c.ToAttribute()));
        return new SdpMedia(AudioMedia, local.Port, protocol, [.. codecs.Select(c => c.PayloadType.ToString())])
        {
            Attributes = [.. attributes],
        };
    }
}
