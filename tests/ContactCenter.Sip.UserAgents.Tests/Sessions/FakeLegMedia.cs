using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sdp.OfferAnswer;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>A stand-in engine's leg media that accepts (or refuses) every offer, answering recvonly to a hold and sendrecv otherwise.</summary>
internal sealed class FakeLegMedia(bool holds, bool accept = true)
{
    public List<string> Offers { get; } = [];

    public SdpSession? Local { get; private set; } = Parse("sendrecv");

    public SdpAnswerResult Answer(SdpSession offer)
    {
        Offers.Add(SdpWriter.Format(offer));
        if (!accept)
        {
            return new SdpAnswerResult(SdpAnswerStatus.NoCommonCodec, null, null);
        }

        Local = Parse(holds ? "recvonly" : "sendrecv");
        var audio = new SdpNegotiatedAudio(0, "192.0.2.10", 4000, 4001, [new SdpCodec("PCMU", 8000, 0)], holds ? SdpDirection.RecvOnly : SdpDirection.SendRecv)
        {
            IsRemoteHold = holds,
        };
        return new SdpAnswerResult(SdpAnswerStatus.Accepted, Local, audio);
    }

    /// <summary>The engine's answer to a media offer as the session layer asks it: the answer, or null to refuse.</summary>
    public ValueTask<SdpSession?> AnswerAsync(SdpSession offer, bool peerHolds) => ValueTask.FromResult(Answer(offer) is { IsAccepted: true } result ? result.Answer : null);

    private static SdpSession Parse(string direction)
    {
        var text = "v=0\r\no=cc 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=" + direction + "\r\n";
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out _));
        return session!;
    }
}
