using System.Text;
using ContactCenter.Sdp;
using ContactCenter.Sip.Transport;
using ContactCenter.Sip.UserAgents.Sessions;

namespace ContactCenter.Sip.UserAgents.Tests.Sessions;

/// <summary>A stand-in media gateway adapting the peers <c>adapts</c> names: its offer is session "adapter", every translated answer session "translated".</summary>
internal sealed class FakeBranchMediaGateway(Func<SipEndPoint, bool> adapts) : IBranchMediaGateway
{
    public List<FakeBranchMedia> Opened { get; } = [];

    public bool Available { get; set; } = true;

    public bool AcceptAnswers { get; set; } = true;

    public IBranchMedia? Open(SdpSession offer, SipEndPoint destination, out bool available) => Adapt(destination, out available);

    public IBranchMedia? Accept(SdpSession offer, SipEndPoint source, out bool available) => Adapt(source, out available);

    private FakeBranchMedia? Adapt(SipEndPoint peer, out bool available)
    {
        available = true;
        if (!adapts(peer))
        {
            return null;
        }

        available = Available;
        if (!Available)
        {
            return null;
        }

        var media = new FakeBranchMedia(AcceptAnswers);
        lock (Opened)
        {
            Opened.Add(media);
        }

        return media;
    }
}

/// <summary>A stand-in media adapter: records the answers it reads and whether it was disposed; its failure is the test's to trigger.</summary>
internal sealed class FakeBranchMedia(bool accept) : IBranchMedia
{
    private const string AdapterOffer = "v=0\r\no=cc 2 1 IN IP4 192.0.2.1\r\ns=adapter\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private const string AdapterAnswer = "v=0\r\no=cc 3 1 IN IP4 192.0.2.1\r\ns=translated\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 6002 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public List<SdpSession> Answers { get; } = [];

    public bool Disposed { get; private set; }

    public SdpSession Offer { get; } = Parse(AdapterOffer);

    public Task Failed => _failed.Task;

    public static SdpSession Parse(string text)
    {
        Assert.True(SdpParser.TryParse(Encoding.ASCII.GetBytes(text), out var session, out _));
        return session!;
    }

    public void Fail() => _failed.TrySetResult();

    public SdpSession? AcceptAnswer(SdpSession answer)
    {
        Answers.Add(answer);
        return accept ? Parse(AdapterAnswer) : null;
    }

    public SdpSession? AnswerEngineOffer(SdpSession offer) => Parse(AdapterAnswer);

    public ValueTask<SdpSession?> AnswerContactOfferAsync(SdpSession offer, Func<SdpSession, ValueTask<SdpSession?>> askEngine) => askEngine(offer);

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
