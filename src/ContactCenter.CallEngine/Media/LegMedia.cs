using System.Diagnostics.CodeAnalysis;
using System.Net;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Relay;
using ContactCenter.Media.Srtp;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;
using ContactCenter.Sessions;

namespace ContactCenter.CallEngine.Media;

/// <summary>
/// One call leg's media: its relay endpoint (an RTP/RTCP port pair), its SDP origin, and the offer/answer
/// exchanges that set the endpoint's codec, telephone-event payload type and remote address (RFC 3264).
/// We offer and accept PCMU and PCMA with telephone-event (RFC 4733) at 20 ms, or what the leg is restricted to (a trunk's codec list). With SDES-SRTP (RFC 4568) the leg
/// has its own random master key per crypto suite; once SRTP is agreed its endpoint protects what it sends and
/// authenticates what it receives, while the other leg of the call may stay plain RTP (the relay bridges them).
/// </summary>
internal sealed class LegMedia : IAsyncDisposable
{
    private const byte TelephoneEventPayloadType = 101;

    private readonly IPAddress? _publicAddress;
    private SdpOriginTracker _origin;
    private IPAddress _address;
    private SdpSrtpMode _srtp;
    private EquatableArray<SdpCodec> _codecs;
    private readonly Dictionary<SdpSession, Branch> _branches = new(ReferenceEqualityComparer.Instance);
    private EquatableArray<SdpCrypto> _crypto;
    private SdpSrtpKeys? _agreedSrtp;

    private LegMedia(MediaEndpoint endpoint, IPAddress? publicAddress, SdpSrtpMode srtp, IReadOnlyList<string>? codecs, bool usePublicAddress)
    {
        Endpoint = endpoint;

        // Behind NAT our SDP names the public address (c= and o=) to peers reached through it; the endpoint still binds locally.
        _publicAddress = publicAddress;
        _address = usePublicAddress ? publicAddress ?? endpoint.LocalRtpEndPoint.Address : endpoint.LocalRtpEndPoint.Address;
        _origin = new SdpOriginTracker(_address, SdpOrigin.NewSessionId(), 1, "contactcenter");
        Restrict(srtp, codecs, usePublicAddress);

        // Our keys, one per suite (tags are set when offering); they never leave this object but in our SDP.
        _crypto = SdesKeys.Create();
    }

    /// <summary>The relay endpoint of the leg.</summary>
    public MediaEndpoint Endpoint { get; }

    /// <summary>The last description we sent (offer or answer).</summary>
    public SdpSession? Local { get; private set; }

    /// <summary>The agreed law (PCMU until something was agreed).</summary>
    public G711Law Law => Endpoint.Format.Law;

    /// <summary>Whether the leg's media is SRTP now (agreed in the last offer/answer).</summary>
    public bool IsSrtp => _agreedSrtp is not null;

    /// <summary>
    /// Whether the peer's last re-offer held the call (sendonly or inactive, RFC 3264 §8.4), kept for a bridge made after
    /// it; set and read by the call's hold steps on its loop.
    /// </summary>
    public bool PeerHolds { get; set; }

    /// <summary>
    /// Opens an endpoint; false when the relay has no free port pair. <paramref name="srtp"/>: what we offer (plain RTP,
    /// RTP with keys, or RTP/SAVP); an SRTP offer is answered with SRTP in any mode, a plain one refused only by
    /// <see cref="SdpSrtpMode.Require"/>. <paramref name="codecs"/>: the formats the leg may use in preference order
    /// (<see cref="LegCodecs"/> names, a trunk's list); empty or null for the default. <paramref name="usePublicAddress"/>:
    /// whether our SDP names the relay's public address (when it has one) or the local one.
    /// </summary>
    public static bool TryCreate(MediaRelay relay, [NotNullWhen(true)] out LegMedia? media, SdpSrtpMode srtp = SdpSrtpMode.Off,
        IReadOnlyList<string>? codecs = null, bool usePublicAddress = true)
    {
        if (!relay.TryCreateEndpoint(MediaLegFormat.Pcmu, out var endpoint))
        {
            media = null;
            return false;
        }

        media = new LegMedia(endpoint, relay.PublicAddress, srtp, codecs, usePublicAddress);
        return true;
    }

    /// <summary>
    /// Sets what the next offers and answers of this leg allow: its media protection and its formats (<see cref="LegCodecs"/>
    /// names in preference order; empty for the default), and whether its SDP names the public address. Used before offering
    /// the leg to another peer (the next trunk).
    /// </summary>
    public void Restrict(SdpSrtpMode srtp, IReadOnlyList<string>? codecs, bool usePublicAddress = true)
    {
        var address = usePublicAddress ? _publicAddress ?? Endpoint.LocalRtpEndPoint.Address : Endpoint.LocalRtpEndPoint.Address;
        if (!address.Equals(_address))
        {
            // Another peer, reached another way: a session of its own (RFC 4566 o=).
            _address = address;
            _origin = new SdpOriginTracker(address, SdpOrigin.NewSessionId(), 1, "contactcenter");
        }

        _srtp = srtp;
        _codecs = [.. (codecs ?? []).Select(ToCodec).OfType<SdpCodec>()];
        if (Local is not null)
        {
            _crypto = SdesKeys.Create(); // a key offered to one peer is never offered to another
        }
    }

    /// <summary>
    /// Answers the peer's <paramref name="offer"/> (initial or re-INVITE). On success the endpoint takes the
    /// agreed format and address; <see cref="SdpNegotiatedAudio.IsRemoteHold"/> tells a hold.
    /// </summary>
    public SdpAnswerResult Answer(SdpSession offer)
    {
        // A peer that re-keys makes a new SRTP session; ours gets a new key with it, since a session restarted on an old key
        // would count its packet index from 0 again and could reuse keystream (RFC 3711 §9.1).
        if (_agreedSrtp is { } agreed && !offer.Media.SelectMany(SdpCrypto.From).Any(c => c.Keys.Any(k => k.KeySalt == agreed.RemoteKeySalt)))
        {
            _crypto = SdesKeys.Create();
        }

        var capabilities = Capabilities(null, SdpDirection.SendRecv) with { Srtp = _srtp == SdpSrtpMode.Off ? SdpSrtpMode.Allow : _srtp };
        var result = SdpOfferAnswer.CreateAnswer(offer, capabilities, _origin);
        if (!result.IsAccepted)
        {
            return result;
        }

        if (!Apply(result.Audio!))
        {
            return new SdpAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null);
        }

        Local = result.Answer;
        return result;
    }

    /// <summary>
    /// Makes an offer, <paramref name="preferred"/> law first (to spare transcoding); until its answer is accepted the
    /// endpoint also takes every G.711 format the offer listed.
    /// </summary>
    public SdpSession CreateOffer(G711Law preferred, SdpDirection direction = SdpDirection.SendRecv)
    {
        // A re-offer on an SRTP leg carries new keys of ours: the peer may answer with a new key too (a new session), and a
        // session restarted on our old key would reuse keystream (RFC 3711 §9.1; RFC 4568 §7.1.4 allows new keys).
        if (_agreedSrtp is not null)
        {
            _crypto = SdesKeys.Create();
        }

        var capabilities = Capabilities(preferred, direction);
        Local = SdpOfferAnswer.CreateOffer(capabilities, _origin);

        // Until the answer is applied the peer may send any G.711 format we offered (a late offer's caller sends PCMA
        // before its ACK is handled); we keep sending the agreed one (or PCMU before anything was agreed).
        List<MediaAudioPayload> offered = [];
        foreach (var codec in capabilities.Codecs)
        {
            if (TryGetLaw(codec, out var law))
            {
                offered.Add(new MediaAudioPayload((byte)codec.PayloadType, law));
            }
        }

        Endpoint.Format = Endpoint.Format with { PendingOffer = offered };
        return Local;
    }

    /// <summary>
    /// Makes an offer for one branch of a ring-all group (its own media protection and address; keys of its own): each
    /// target gets the offer it can take. The answer of the branch that wins is read with <see cref="AcceptAnswer(SdpSession, SdpSession?)"/>.
    /// </summary>
    public SdpSession CreateBranchOffer(G711Law preferred, SdpSrtpMode srtp, bool usePublicAddress)
    {
        Restrict(srtp, null, usePublicAddress);
        var offer = CreateOffer(preferred);
        _branches[offer] = new Branch(_srtp, _codecs, _address, _origin, _crypto);
        return offer;
    }

    /// <summary>
    /// Reads the peer's answer to <paramref name="offer"/> (a branch offer of <see cref="CreateBranchOffer"/>; null: our last
    /// offer); the leg then keeps that branch's media protection, address and keys. False when it agrees on nothing we relay.
    /// </summary>
    public bool AcceptAnswer(SdpSession answer, SdpSession? offer)
    {
        if (offer is not null && _branches.TryGetValue(offer, out var branch))
        {
            (_srtp, _codecs, _address, _origin, _crypto) = (branch.Srtp, branch.Codecs, branch.Address, branch.Origin, branch.Crypto);
            Local = offer;
        }

        _branches.Clear();
        return AcceptAnswer(answer);
    }

    /// <summary>Reads the peer's answer to our last offer; false when it agrees on nothing we can relay.</summary>
    public bool AcceptAnswer(SdpSession answer)
    {
        if (Local is null)
        {
            return false;
        }

        var result = SdpOfferAnswer.ProcessAnswer(Local, answer, Capabilities(null, SdpDirection.SendRecv));
        return result.IsAccepted && Apply(result.Audio!);
    }

    /// <summary>Lets the leg's media latch from the address its SIP came from (a phone behind NAT whose SDP names a private address).</summary>
    public void AllowSignallingSource(IPAddress address) => Endpoint.AllowSource(address);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Endpoint.DisposeAsync();

    private static bool TryGetLaw(SdpCodec codec, out G711Law law)
    {
        if (codec.IsSameFormat(SdpCodec.Pcmu))
        {
            law = G711Law.Pcmu;
            return true;
        }

        law = G711Law.Pcma;
        return codec.IsSameFormat(SdpCodec.Pcma);
    }

    private static SdpCodec? ToCodec(string name) => name switch
    {
        LegCodecs.Pcmu => SdpCodec.Pcmu,
        LegCodecs.Pcma => SdpCodec.Pcma,
        LegCodecs.TelephoneEvent => SdpCodec.TelephoneEvent(TelephoneEventPayloadType),
        _ => null,
    };

    private SdpLocalCapabilities Capabilities(G711Law? preferred, SdpDirection direction)
    {
        // A configured list (a trunk's) is offered as it is, in its order; else the other leg's law goes first.
        EquatableArray<SdpCodec> codecs = !_codecs.IsEmpty ? _codecs
            : preferred == G711Law.Pcma
            ? [SdpCodec.Pcma, SdpCodec.Pcmu, SdpCodec.TelephoneEvent(TelephoneEventPayloadType)]
            : [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(TelephoneEventPayloadType)];
        return new SdpLocalCapabilities(_address, Endpoint.LocalRtpEndPoint.Port, codecs)
        {
            PreferOwnOrder = !_codecs.IsEmpty,
            Direction = direction,
            RtcpPort = Endpoint.LocalRtcpEndPoint.Port,
            SessionName = "ContactCenter",
            Srtp = _srtp,
            Crypto = _crypto,
        };
    }

    // The endpoint's SRTP follows the agreed keys; the same keys again (a hold, a refresh) keep the session and its
    // counters, so no keystream is ever used twice. False when the keys cannot make a session (not sent or received).
    private bool ApplySrtp(SdpSrtpKeys? keys)
    {
        if (keys == _agreedSrtp)
        {
            return true;
        }

        SrtpSession? session = null;
        if (keys is not null && !SdesKeys.TryCreateSession(keys, out session))
        {
            return false;
        }

        Endpoint.SetSrtp(session);
        _agreedSrtp = keys;
        return true;
    }

    private bool Apply(SdpNegotiatedAudio audio)
    {
        if (!ApplySrtp(audio.Srtp))
        {
            return false;
        }

        var codec = audio.Codecs.FirstOrDefault(c => TryGetLaw(c, out _)) ?? audio.Codec;
        _ = TryGetLaw(codec, out var law);
        Endpoint.Format = new MediaLegFormat((byte)codec.PayloadType, law, (byte?)audio.TelephoneEvent?.PayloadType);
        if (IPAddress.TryParse(audio.RemoteAddress, out var address) && !address.Equals(IPAddress.Any) && audio.RemotePort > 0)
        {
            Endpoint.SetRemote(new IPEndPoint(address, audio.RemotePort), new IPEndPoint(address, audio.RemoteRtcpPort));
        }

        return true;
    }

    private sealed record Branch(SdpSrtpMode Srtp, EquatableArray<SdpCodec> Codecs, IPAddress Address, SdpOriginTracker Origin, EquatableArray<SdpCrypto> Crypto);
}
