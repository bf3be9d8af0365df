using ContactCenter.Sdp;

namespace ContactCenter.Sip.UserAgents.Sessions;

/// <summary>
/// One leg's media adapter (<see cref="IBranchMediaGateway"/>) between the engine and a peer (the contact we ring, or the
/// caller): the first offer in the form the other side takes, and the translation of every later offer and answer
/// between the peer's description and the engine's. Disposed when its branch loses or its leg ends; what it leased goes back then.
/// </summary>
public interface IBranchMedia : IAsyncDisposable
{
    /// <summary>The first offer translated: sent to the contact in place of the engine's (a leg we place), or given to the engine in place of the caller's (an arriving call).</summary>
    SdpSession Offer { get; }

    /// <summary>Completes when the peer's media failed for good (no DTLS, a wrong fingerprint): the leg is then ended.</summary>
    Task Failed { get; }

    /// <summary>
    /// Reads the answer to <see cref="Offer"/> (the contact's, or the engine's); returns it translated for the other side,
    /// or null when it is unusable. The engine's answer may come twice, early (a 183) and final (the 200): both are taken.
    /// </summary>
    SdpSession? AcceptAnswer(SdpSession answer);

    /// <summary>The engine's new offer in the established leg (hold, a new bridge address), answered here; the contact's media goes on as it is.</summary>
    SdpSession? AnswerEngineOffer(SdpSession offer);

    /// <summary>
    /// The contact's new offer (its own hold or resume): <paramref name="askEngine"/> gets the offer the engine understands
    /// and returns the engine's answer; returns the answer for the contact, or null to refuse its offer.
    /// </summary>
    ValueTask<SdpSession?> AnswerContactOfferAsync(SdpSession offer, Func<SdpSession, ValueTask<SdpSession?>> askEngine);
}
