using ContactCenter.Sdp;

namespace ContactCenter.Sessions;

/// <summary>A peer's new media offer in an established leg (an event): the engine returns its answer, or null to refuse it.</summary>
/// <param name="Media">The peer's offer.</param>
/// <param name="Change">What the offer means for the call.</param>
public sealed record LegMediaOffer(SdpSession Media, LegMediaChange Change);
