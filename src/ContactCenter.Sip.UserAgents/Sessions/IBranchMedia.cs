using ContactCenter.Sdp;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// One branch's media adapter (<see cref="IBranchMediaGateway"/>): its own offer toward the contact, and the translation
/// of every later offer and answer between the contact's description and the engine's. Disposed when its branch loses
/// or its leg ends; what it leased goes back then.
/// </summary>
public interface IBranchMedia : IAsyncDisposable
{
    /// <summary>The offer sent to the contact in place of the engine's.</summary>
    SdpSession Offer { get; }

    /// <summary>Completes when the contact's media failed for good (no DTLS, a wrong fingerprint): the leg is then ended.</summary>
    Task Failed { get; }

    /// <summary>Reads the contact's answer to <see cref="Offer"/>; returns the answer the engine hears, or null when it is unusable.</summary>
    SdpSession? AcceptAnswer(SdpSession answer);

    /// <summary>The engine's new offer in the established leg (hold, a new bridge address), answered here; the contact's media goes on as it is.</summary>
    SdpSession? AnswerEngineOffer(SdpSession offer);

    /// <summary>
    /// The contact's new offer (its own hold or resume): <paramref name="askEngine"/> gets the offer the engine understands
    /// and returns the engine's answer; returns the answer for the contact, or null to refuse its offer.
    /// </summary>
    ValueTask<SdpSession?> AnswerContactOfferAsync(SdpSession offer, Func<SdpSession, ValueTask<SdpSession?>> askEngine);
}
