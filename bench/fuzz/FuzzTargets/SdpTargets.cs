using System.Net;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;

namespace FuzzTargets;

/// <summary>SDP target: a body as an INVITE or a 200 carries it, then what the engine does with an offer or an answer.</summary>
internal static class SdpTargets
{
    private static readonly IPAddress Local = IPAddress.Loopback;

    // Fixed, public test keys (base64 of 30 bytes): the fuzzer needs a stable SRTP offer/answer, not secrecy.
    private static readonly SdpLocalCapabilities Plain = new(Local, 30000, [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.TelephoneEvent(101)]);

    private static readonly SdpLocalCapabilities Secure = Plain with
    {
        Srtp = SdpSrtpMode.Allow,
        Crypto =
        [
            new SdpCrypto(1, "AES_CM_128_HMAC_SHA1_80", [new SdpCryptoKey("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd")], []),
            new SdpCrypto(2, "AES_CM_128_HMAC_SHA1_32", [new SdpCryptoKey("HRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgEA")], []),
        ],
    };

    public static void Session(ReadOnlySpan<byte> input)
    {
        if (!SdpParser.TryParse(input, out var session, out _))
        {
            return;
        }

        foreach (var media in session.Media)
        {
            _ = (session.GetDirection(media), session.GetConnection(media)?.TryGetIPAddress(out _), media.Rtcp, media.Ptime, media.MaxPtime);
            _ = SdpOfferAnswer.GetCodecs(media);
            _ = SdpOfferAnswer.IsHold(session, media);
            _ = SdpCrypto.From(media);
            foreach (var pt in media.PayloadTypes)
            {
                _ = media.TryGetRtpMap(pt, out _) && media.TryGetFmtp(pt, out _);
            }
        }

        // As an offer from a caller, and as the answer to our own offer, with and without SRTP.
        foreach (var local in (SdpLocalCapabilities[])[Plain, Secure])
        {
            var origin = new SdpOriginTracker(Local, "1", 1);
            var answer = SdpOfferAnswer.CreateAnswer(session, local, origin);
            if (answer.Answer is not null)
            {
                FuzzInvariantException.Check(SdpParser.TryParse(SdpWriter.Format(answer.Answer), out _, out _), "our answer did not parse");
            }

            _ = SdpOfferAnswer.ProcessAnswer(SdpOfferAnswer.CreateOffer(local, origin), session, local);
        }

        var text = SdpWriter.Format(session);
        FuzzInvariantException.Check(SdpParser.TryParse(text, out var again, out _), "a written session did not parse again");
        FuzzInvariantException.Check(again.Media.Count == session.Media.Count, "a written session lost or gained media");
    }
}
